import type { ActionName, ActionRequest } from '../shared/client/client.ts';
import { contractOf } from '../shared/contracts/index.ts';
import type { FunctionName } from '../shared/function-names.ts';
import { UsageError } from './errors.ts';

/**
 * Checks a request body against the very zod schema the action validates with, before anything
 * is sent: a typo is a usage error (exit 2) named by the option that set it, not a round trip.
 * A body built from flags is loosely typed; once it passes, it is the action's request type.
 */
export function validateRequest<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  body: { action: A } & Record<string, unknown>,
  flagNames: Record<string, string> = {},
): asserts body is { action: A } & Record<string, unknown> & ActionRequest<F, A> {
  const contract = contractOf(fn, body.action);
  if (!contract) throw new UsageError(`${fn} has no action ${body.action}`);
  const parsed = contract.request.safeParse(body);
  if (parsed.success) return;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? 'input');
  const rest = issue?.path.slice(1).map(String) ?? [];
  // Named as the user typed it (`--env`), not as the API calls it (`environment`).
  const path = [flagNames[field] ?? field, ...rest].join('.');
  const missing = issue?.code === 'invalid_type' && /received undefined$/.test(issue.message);
  throw new UsageError(missing ? `${path} is required` : `${path}: ${issue?.message ?? 'invalid'}`);
}
