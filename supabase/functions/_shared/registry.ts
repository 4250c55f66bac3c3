import type { AnyAction } from './action.ts';
import { healthCheckAction } from './health.ts';
import { listActionsAction } from './list-actions.ts';

/** Every function answers `health_check` and `list_actions` besides its own actions. */
export function withCommonActions(functionName: string, own: readonly AnyAction[]): AnyAction[] {
  const all: AnyAction[] = [healthCheckAction(functionName), ...own];
  all.push(listActionsAction(() => all));
  return all;
}
