import { z } from 'zod';
import { contractOf } from '../../shared/contracts/index.ts';
import { FUNCTION_NAMES, type FunctionName } from '../../shared/function-names.ts';

/**
 * Every successful answer a test sees is parsed with its action's response schema: a response
 * that strays from its contract fails the test that received it.
 */
export function checkAgainstContract(fn: string, request: unknown, status: number, reply: unknown) {
  if (status !== 200 || !isSuccess(reply)) return;
  if (!(FUNCTION_NAMES as readonly string[]).includes(fn)) return;
  const action = actionOf(fn, request);
  const contract = action === undefined ? undefined : contractOf(fn as FunctionName, action);
  if (!contract) throw new Error(`${fn} answered ok to an action with no contract: ${action}`);
  const parsed = contract.response.safeParse(reply.result);
  if (!parsed.success)
    throw new Error(
      `${fn} ${action} answered outside its response schema:\n${z.prettifyError(parsed.error)}`,
    );
  // zod drops the keys an object schema does not name; a dropped key is a field the contract
  // (and so the OpenAPI document and the client's types) does not describe.
  const undeclared = droppedKeys(reply.result, parsed.data, 'result');
  if (undeclared.length > 0)
    throw new Error(`${fn} ${action} answered fields its contract does not name: ${undeclared}`);
}

function droppedKeys(sent: unknown, kept: unknown, path: string): string[] {
  if (Array.isArray(sent) && Array.isArray(kept) && sent.length === kept.length)
    return sent.flatMap((item, i) => droppedKeys(item, kept[i], `${path}[${i}]`)).slice(0, 5);
  if (!isPlainObject(sent) || !isPlainObject(kept)) return [];
  return Object.keys(sent).flatMap((key) =>
    key in kept ? droppedKeys(sent[key], kept[key], `${path}.${key}`) : [`${path}.${key}`],
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSuccess(reply: unknown): reply is { ok: true; result: unknown } {
  return typeof reply === 'object' && reply !== null && (reply as { ok?: unknown }).ok === true;
}

function actionOf(fn: string, request: unknown): string | undefined {
  let body = request;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const { action, type, table } = body as Record<string, unknown>;
  if (typeof action === 'string') return action;
  // A Supabase Database Webhook payload carries no action: the orchestrator routes it.
  if (fn === 'deploy-orchestrator' && typeof type === 'string' && typeof table === 'string')
    return 'database_webhook';
  return undefined;
}
