import type { Sql } from '../sql/client.ts';
import { type LongRunningQueryRow, selectLongRunningQueries } from '../sql/database-activity.ts';
import type { CheckResult } from './check-result.ts';

/**
 * A statement or transaction open longer than 60 s warns; from 5 minutes it fails: a migration's
 * ACCESS EXCLUSIVE lock would queue behind it, and every query after that behind the migration.
 */
export const LONG_QUERY_WARN_SECONDS = 60;
export const LONG_QUERY_FAIL_SECONDS = 300;

export type LongRunningQueriesResult = CheckResult<{
  queries: LongRunningQueryRow[];
  fail_after_seconds: number;
}>;

/** `value` is the longest running time in seconds (0 when nothing runs that long). */
export function gradeLongRunningQueries(
  queries: LongRunningQueryRow[],
  warnSeconds = LONG_QUERY_WARN_SECONDS,
): LongRunningQueriesResult {
  const longest = queries.reduce((max, q) => Math.max(max, q.seconds), 0);
  const failAt = Math.max(warnSeconds, LONG_QUERY_FAIL_SECONDS);
  let status: LongRunningQueriesResult['status'] = 'pass';
  if (longest >= failAt) status = 'fail';
  else if (queries.length > 0) status = 'warn';
  return {
    status,
    value: Math.round(longest * 10) / 10,
    threshold: warnSeconds,
    details: { queries, fail_after_seconds: failAt },
  };
}

export async function checkLongRunningQueries(
  sql: Sql,
  warnSeconds = LONG_QUERY_WARN_SECONDS,
): Promise<LongRunningQueriesResult> {
  const queries = await selectLongRunningQueries(sql, warnSeconds);
  return gradeLongRunningQueries([...queries], warnSeconds);
}
