import type { Sql } from '../sql/client.ts';
import { findPgStatStatements, type QueryStatRow, selectQueryStats } from '../sql/query-stats.ts';
import type { CheckResult } from './check-result.ts';

/** A statement averaging 500 ms or more over at least 10 calls warns; it never fails a deployment. */
export const OUTLIER_MEAN_MS = 500;
export const OUTLIER_MIN_CALLS = 10;
const TOP_QUERIES = 10;

export type QueryOutliersResult = CheckResult<
  | { available: true; outliers: QueryStatRow[]; top: QueryStatRow[] }
  | { available: false; reason: string }
>;

/**
 * `value` is the slowest mean time in ms among statements called often enough to judge;
 * `top` the heaviest statements by total time, `outliers` the slow ones.
 */
export function gradeQueryOutliers(stats: QueryStatRow[]): QueryOutliersResult {
  const judged = stats.filter((q) => q.calls >= OUTLIER_MIN_CALLS);
  const outliers = judged.filter((q) => q.mean_ms >= OUTLIER_MEAN_MS);
  const slowest = judged.reduce((max, q) => Math.max(max, q.mean_ms), 0);
  const top = [...stats].sort((a, b) => b.total_ms - a.total_ms).slice(0, TOP_QUERIES);
  return {
    status: outliers.length > 0 ? 'warn' : 'pass',
    value: Math.round(slowest * 100) / 100,
    threshold: OUTLIER_MEAN_MS,
    details: { available: true, outliers, top },
  };
}

export function unavailable(reason: string): QueryOutliersResult {
  return {
    status: 'pass',
    value: null,
    threshold: OUTLIER_MEAN_MS,
    details: { available: false, reason },
  };
}

/**
 * pg_stat_statements where installed. Missing, or created without being preloaded (SQLSTATE
 * 55000), it is reported as unavailable: the absence of statistics is not a database problem.
 */
export async function checkQueryOutliers(sql: Sql): Promise<QueryOutliersResult> {
  const schema = await findPgStatStatements(sql);
  if (!schema) return unavailable('the pg_stat_statements extension is not created');
  try {
    const stats = await selectQueryStats(sql, schema, {
      limit: TOP_QUERIES,
      minMeanMs: OUTLIER_MEAN_MS,
      minCalls: OUTLIER_MIN_CALLS,
    });
    return gradeQueryOutliers([...stats]);
  } catch (err) {
    if ((err as { code?: string }).code === '55000') {
      return unavailable('pg_stat_statements is not in shared_preload_libraries');
    }
    throw err;
  }
}
