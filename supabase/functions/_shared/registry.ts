import type { AnyContract } from '../../../shared/contracts/contract.ts';
import type { AnyAction } from './action.ts';
import { healthCheckAction } from './health.ts';
import { listActionsAction } from './list-actions.ts';

function isAction(value: unknown): value is AnyAction {
  if (typeof value !== 'object' || value === null) return false;
  const { name, handler } = value as Partial<AnyAction>;
  return typeof name === 'string' && typeof handler === 'function';
}

/** Every action a set of handler modules exports, one by one or in lists, keyed by name. */
function handlersByName(functionName: string, modules: Record<string, unknown>) {
  const byName = new Map<string, AnyAction>();
  for (const value of Object.values(modules).flat()) {
    if (!isAction(value)) continue;
    if (byName.has(value.name)) throw new Error(`${functionName}: two handlers for ${value.name}`);
    byName.set(value.name, value);
  }
  return byName;
}

/**
 * A function's registry: its contracts (shared/contracts/<function>.ts, the one list of what it
 * answers, in list_actions order), each bound to the handler its modules export for it. Every
 * function answers `health_check` and `list_actions` (a function may give its own health check:
 * database-scalability's also pings the database). A contract without a handler, a handler
 * without a contract or one bound to another contract stops the function at start.
 */
export function bindActions(
  functionName: string,
  contracts: readonly AnyContract[],
  modules: Record<string, unknown>,
  healthCheck: AnyAction = healthCheckAction(functionName),
): AnyAction[] {
  const handlers = handlersByName(functionName, modules);
  const all: AnyAction[] = [];
  const common = new Map([
    [healthCheck.name, healthCheck],
    ['list_actions', listActionsAction(() => all)],
  ]);
  for (const contract of contracts) {
    const action = common.get(contract.name) ?? handlers.get(contract.name);
    if (!action) throw new Error(`${functionName}: ${contract.name} has no handler`);
    if (action.request !== contract.request || action.response !== contract.response)
      throw new Error(`${functionName}: ${contract.name}'s handler is bound to another contract`);
    handlers.delete(contract.name);
    all.push(action);
  }
  if (handlers.size > 0)
    throw new Error(`${functionName}: no contract for ${[...handlers.keys()].join(', ')}`);
  return all;
}
