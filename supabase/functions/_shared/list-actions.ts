import { type AnyAction, defineAction } from './action.ts';

/** Introspection for clients (the CLI, the dashboard, generated docs): what this function answers. */
export function listActionsAction(actions: () => readonly AnyAction[]) {
  return defineAction({
    name: 'list_actions',
    summary: 'The actions this function answers and the permission each needs.',
    access: 'read',
    input: {},
    async handler() {
      return {
        actions: actions().map((a) => ({
          name: a.name,
          summary: a.summary,
          access: a.access,
        })),
      };
    },
  });
}
