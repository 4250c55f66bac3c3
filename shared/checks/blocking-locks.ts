import type { Sql } from '../sql/client.ts';
import { type BlockingLockRow, selectBlockingLocks } from '../sql/database-health.ts';
import type { CheckResult } from './check-result.ts';

export type BlockingLocksResult = CheckResult<{ blocked: BlockingLockRow[] }>;

/** Any session waiting on another's lock fails: a migration now would queue behind it. */
export function gradeBlockingLocks(blocked: BlockingLockRow[]): BlockingLocksResult {
  return {
    status: blocked.length > 0 ? 'fail' : 'pass',
    value: blocked.length,
    threshold: 0,
    details: { blocked },
  };
}

export async function checkBlockingLocks(sql: Sql): Promise<BlockingLocksResult> {
  return gradeBlockingLocks(await selectBlockingLocks(sql));
}
