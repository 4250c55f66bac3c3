import { checkBloat } from '../../../../shared/checks/bloat.ts';
import { checkBlockingLocks } from '../../../../shared/checks/blocking-locks.ts';
import { checkCacheHitRatio } from '../../../../shared/checks/cache-hit-ratio.ts';
import type { CheckResult } from '../../../../shared/checks/check-result.ts';
import { checkConnections } from '../../../../shared/checks/connections.ts';
import { checkIndexHealth } from '../../../../shared/checks/index-health.ts';
import { checkLongRunningQueries } from '../../../../shared/checks/long-running-queries.ts';
import { checkQueryOutliers } from '../../../../shared/checks/query-outliers.ts';
import { checkTableSizes } from '../../../../shared/checks/table-sizes.ts';
import { checkUnvalidatedConstraints } from '../../../../shared/checks/unvalidated-constraints.ts';
import { checkVacuumHealth } from '../../../../shared/checks/vacuum-health.ts';
import { withLockTimeout } from '../../../../shared/checks/with-lock-timeout.ts';
import * as contracts from '../../../../shared/contracts/database-scalability.ts';
import type { Sql } from '../../../../shared/sql/client.ts';
import { type ActionContext, defineAction } from '../../_shared/action.ts';

/** A check run under the lock timeout (shared/checks/with-lock-timeout.ts), on the caller's connection. */
const checkWithLockTimeout =
  <R extends CheckResult>(check: (tx: Sql) => Promise<R>) =>
  (_input: unknown, { sql }: ActionContext) =>
    withLockTimeout(sql, check);

/** The live database checks: one action each, in the order list_actions shows them. */
export const checkActions = [
  defineAction(contracts.blockingLocks, checkWithLockTimeout(checkBlockingLocks)),
  defineAction(contracts.tableSizes, checkWithLockTimeout(checkTableSizes)),
  defineAction(contracts.unvalidatedConstraints, checkWithLockTimeout(checkUnvalidatedConstraints)),
  defineAction(contracts.cacheHitRatio, checkWithLockTimeout(checkCacheHitRatio)),
  defineAction(contracts.indexHealth, checkWithLockTimeout(checkIndexHealth)),
  defineAction(contracts.longRunningQueries, ({ min_seconds }, { sql }) =>
    withLockTimeout(sql, (tx) => checkLongRunningQueries(tx, min_seconds)),
  ),
  defineAction(contracts.connections, checkWithLockTimeout(checkConnections)),
  defineAction(contracts.bloat, checkWithLockTimeout(checkBloat)),
  defineAction(contracts.vacuumHealth, checkWithLockTimeout(checkVacuumHealth)),
  defineAction(contracts.queryOutliers, checkWithLockTimeout(checkQueryOutliers)),
];
