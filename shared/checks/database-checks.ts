import type { Sql } from '../sql/client.ts';
import { checkBloat } from './bloat.ts';
import { checkBlockingLocks } from './blocking-locks.ts';
import { checkCacheHitRatio } from './cache-hit-ratio.ts';
import type { CheckResult } from './check-result.ts';
import { checkConnections } from './connections.ts';
import { checkIndexHealth } from './index-health.ts';
import { checkLongRunningQueries } from './long-running-queries.ts';
import { checkQueryOutliers } from './query-outliers.ts';
import { checkTableSizes } from './table-sizes.ts';
import { checkUnvalidatedConstraints } from './unvalidated-constraints.ts';
import { checkVacuumHealth } from './vacuum-health.ts';

/** Every live database check with its default thresholds, by the action name that runs it alone. */
export const DATABASE_CHECKS = {
  blocking_locks: checkBlockingLocks,
  long_running_queries: (sql: Sql) => checkLongRunningQueries(sql),
  connections: checkConnections,
  vacuum_health: checkVacuumHealth,
  unvalidated_constraints: checkUnvalidatedConstraints,
  index_health: checkIndexHealth,
  bloat: checkBloat,
  cache_hit_ratio: checkCacheHitRatio,
  table_sizes: (sql: Sql) => checkTableSizes(sql),
  query_outliers: checkQueryOutliers,
} satisfies Record<string, (sql: Sql) => Promise<CheckResult>>;

export type DatabaseCheckName = keyof typeof DATABASE_CHECKS;

export const DATABASE_CHECK_NAMES = Object.keys(DATABASE_CHECKS) as DatabaseCheckName[];
