import { checkBlockingLocks } from '../../../../shared/checks/blocking-locks.ts';
import { guarded } from '../../../../shared/checks/guarded.ts';
import { defineAction } from '../../_shared/action.ts';

export const blockingLocks = defineAction({
  name: 'blocking_locks',
  summary: 'Sessions blocked by another session’s lock (the runbook’s query); any fails.',
  access: 'view',
  input: {},
  handler: (_input, { sql }) => guarded(sql, checkBlockingLocks),
});
