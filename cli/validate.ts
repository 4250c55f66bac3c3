import type { z } from 'zod';
import type { FunctionName } from '../shared/function-names.ts';
import type { AnyAction } from '../supabase/functions/_shared/action.ts';
import { UsageError } from './errors.ts';

type Registry = { actions: readonly AnyAction[] };

// Loaded on demand: a command pays only for the one function it talks to.
const REGISTRIES: Record<FunctionName, () => Promise<Registry>> = {
  'production-monitoring': () => import('../supabase/functions/production-monitoring/actions.ts'),
  'error-tracking': () => import('../supabase/functions/error-tracking/actions.ts'),
  'gdpr-compliance': () => import('../supabase/functions/gdpr-compliance/actions.ts'),
  'database-scalability': () => import('../supabase/functions/database-scalability/actions.ts'),
  'deploy-orchestrator': () => import('../supabase/functions/deploy-orchestrator/actions.ts'),
};

/**
 * Checks a request body against the very zod schema the action validates with, before anything
 * is sent: a typo is a usage error (exit 2) named by the option that set it, not a round trip.
 */
export async function validateRequest(
  fn: FunctionName,
  body: { action: string },
  flagNames: Record<string, string> = {},
): Promise<void> {
  const { actions } = await REGISTRIES[fn]();
  const action = actions.find((a) => a.name === body.action);
  if (!action) throw new UsageError(`${fn} has no action ${body.action}`);
  const parsed = (action.schema as z.ZodType).safeParse(body);
  if (parsed.success) return;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? 'input');
  const rest = issue?.path.slice(1).map(String) ?? [];
  // Named as the user typed it (`--env`), not as the API calls it (`environment`).
  const path = [flagNames[field] ?? field, ...rest].join('.');
  const missing = issue?.code === 'invalid_type' && /received undefined$/.test(issue.message);
  throw new UsageError(missing ? `${path} is required` : `${path}: ${issue?.message ?? 'invalid'}`);
}
