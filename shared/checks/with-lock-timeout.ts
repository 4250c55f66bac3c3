import type postgres from 'postgres';
import type { Pool, Sql } from '../sql/client.ts';
import type { CheckResult } from './check-result.ts';

/**
 * How long a check waits for a table lock. Size functions (pg_total_relation_size,
 * pg_relation_size) take ACCESS SHARE locks, so without a limit a check would hang behind the
 * very lock it is meant to report.
 */
export const CHECK_LOCK_TIMEOUT_MS = 1000;

export type LockedOut = CheckResult<{ error: 'lock_not_available'; message: string }>;

const TIMEOUT = `${CHECK_LOCK_TIMEOUT_MS}ms`;

/** A transaction (it can open savepoints) rather than a pool (it can open transactions). */
export function isTransaction(sql: Sql): sql is postgres.TransactionSql {
  return 'savepoint' in sql;
}

/**
 * Runs a check with a lock_timeout. A table locked for longer than that fails the check (a
 * migration would wait on the same lock) instead of hanging the request. On a pool the check
 * gets a transaction of its own; inside the caller's transaction (the orchestrator's), a
 * savepoint, so a timeout does not abort the caller's work and its lock_timeout is restored.
 */
export async function withLockTimeout<R extends CheckResult>(
  sql: Sql,
  check: (tx: Sql) => Promise<R>,
): Promise<R | LockedOut> {
  try {
    return isTransaction(sql) ? await inSavepoint(sql, check) : await inTransaction(sql, check);
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

async function inTransaction<R>(pool: Pool, check: (tx: Sql) => Promise<R>): Promise<R> {
  let result: R | undefined;
  await pool.begin(async (tx) => {
    await tx`select set_config('lock_timeout', ${TIMEOUT}, true)`;
    result = await check(tx);
  });
  return result as R;
}

async function inSavepoint<R>(
  tx: postgres.TransactionSql,
  check: (tx: Sql) => Promise<R>,
): Promise<R> {
  let result: R | undefined;
  await tx.savepoint(async (sp) => {
    const [before] = await sp<{ value: string }[]>`
      select current_setting('lock_timeout') as value, set_config('lock_timeout', ${TIMEOUT}, true)`;
    result = await check(sp);
    await sp`select set_config('lock_timeout', ${before?.value ?? '0'}, true)`;
  });
  return result as R;
}
