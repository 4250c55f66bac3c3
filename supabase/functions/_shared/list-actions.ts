import { listActions } from '../../../shared/contracts/common.ts';
import { type AnyAction, defineAction } from './action.ts';

/** Introspection for clients (the CLI, the dashboard, generated docs): what this function answers. */
export function listActionsAction(actions: () => readonly AnyAction[]) {
  return defineAction(listActions, async () => ({
    actions: actions().map((a) => ({ name: a.name, summary: a.summary, access: a.access })),
  }));
}
