import type { Pool, Sql } from '../sql/client.ts';
import type { CheckResult } from './check-result.ts';

/**
 * How long a check waits for a table lock. Size functions (pg_total_relation_size,
 * pg_relation_size) take ACCESS SHARE locks, so without a limit a check would hang behind the
 * very lock it is meant to report.
 */
export const CHECK_LOCK_TIMEOUT_MS = 1000;

export type LockedOut = CheckResult<{ error: 'lock_not_available'; message: string }>;

/**
 * Runs a check in its own transaction with a lock_timeout. A table locked for longer than that
 * fails the check (a migration would wait on the same lock) instead of hanging the request.
 */
export async function guarded<R extends CheckResult>(
  pool: Pool,
  check: (tx: Sql) => Promise<R>,
): Promise<R | LockedOut> {
  try {
    let result: R | undefined;
    await pool.begin(async (tx) => {
      await tx`select set_config('lock_timeout', ${`${CHECK_LOCK_TIMEOUT_MS}ms`}, true)`;
      result = await check(tx);
    });
    return result as R;
  } catch (err) {
    if ((err as { code?: string }).code !== '55P03') throw err;
    return {
      status: 'fail',
      value: null,
      threshold: null,
      details: {
        error: 'lock_not_available',
        message: `a table this check reads stayed locked for over ${CHECK_LOCK_TIMEOUT_MS} ms`,
      },
    };
  }
}
