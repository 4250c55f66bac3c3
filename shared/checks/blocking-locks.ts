import type { Sql } from '../sql/client.ts';
import { type BlockingLockRow, selectBlockingLocks } from '../sql/database-health.ts';
import { type CheckResult, gradeAny } from './check-result.ts';

export type BlockingLocksResult = CheckResult<{ blocked: BlockingLockRow[] }>;

/** Any session waiting on another's lock fails: a migration now would queue behind it. */
export function gradeBlockingLocks(blocked: BlockingLockRow[]): BlockingLocksResult {
  return gradeAny(blocked, 'fail', { blocked });
}

export async function checkBlockingLocks(sql: Sql): Promise<BlockingLocksResult> {
  return gradeBlockingLocks(await selectBlockingLocks(sql));
}
