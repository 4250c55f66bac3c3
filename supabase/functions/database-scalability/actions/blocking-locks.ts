import type { CheckResult } from '../../../../shared/checks/check-result.ts';
import {
  type BlockingLockRow,
  selectBlockingLocks,
} from '../../../../shared/sql/database-health.ts';
import { defineAction } from '../../_shared/action.ts';

/** Any session waiting on another's lock fails the check: a migration now would queue behind it. */
export const blockingLocks = defineAction({
  name: 'blocking_locks',
  summary: 'Sessions blocked by another session’s lock (the runbook’s query).',
  access: ['authenticated'],
  input: {},
  async handler(_input, { sql }): Promise<CheckResult<{ blocked: BlockingLockRow[] }>> {
    const rows = await selectBlockingLocks(sql);
    return {
      status: rows.length > 0 ? 'fail' : 'pass',
      value: rows.length,
      threshold: 0,
      details: { blocked: rows },
    };
  },
});
