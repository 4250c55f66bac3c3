import type { AnyAction } from './action.ts';
import { healthCheckAction } from './health.ts';
import { listActionsAction } from './list-actions.ts';

/**
 * Every function answers `health_check` and `list_actions` besides its own actions; a function
 * may give its own health check (database-scalability's also pings the database).
 */
export function withCommonActions(
  functionName: string,
  own: readonly AnyAction[],
  healthCheck: AnyAction = healthCheckAction(functionName),
): AnyAction[] {
  const all: AnyAction[] = [healthCheck, ...own];
  all.push(listActionsAction(() => all));
  return all;
}
