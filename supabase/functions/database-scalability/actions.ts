import type { AnyAction } from '../_shared/action.ts';
import { listActionsAction } from '../_shared/list-actions.ts';
import { bloat } from './actions/bloat.ts';
import { blockingLocks } from './actions/blocking-locks.ts';
import { cacheHitRatio } from './actions/cache-hit-ratio.ts';
import { connections } from './actions/connections.ts';
import { databaseHealthCheck } from './actions/health-check.ts';
import { indexHealth } from './actions/index-health.ts';
import { lintMigration } from './actions/lint-migration.ts';
import { longRunningQueries } from './actions/long-running-queries.ts';
import { preDeploymentCheck } from './actions/pre-deployment-check.ts';
import { queryOutliers } from './actions/query-outliers.ts';
import { tableSizes } from './actions/table-sizes.ts';
import { unvalidatedConstraints } from './actions/unvalidated-constraints.ts';
import { vacuumHealth } from './actions/vacuum-health.ts';

export const FUNCTION_NAME = 'database-scalability';

const own: AnyAction[] = [
  blockingLocks,
  tableSizes,
  unvalidatedConstraints,
  cacheHitRatio,
  indexHealth,
  longRunningQueries,
  connections,
  bloat,
  vacuumHealth,
  queryOutliers,
  preDeploymentCheck,
  lintMigration,
];

/**
 * The actions of `database-scalability`: the contract its callers rely on. Built like
 * `withCommonActions`, except that health_check also measures the database round trip.
 */
export const actions: readonly AnyAction[] = (() => {
  const all: AnyAction[] = [databaseHealthCheck(FUNCTION_NAME), ...own];
  all.push(listActionsAction(() => all));
  return all;
})();
