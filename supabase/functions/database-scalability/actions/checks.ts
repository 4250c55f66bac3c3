import { checkBloat } from '../../../../shared/checks/bloat.ts';
import { checkBlockingLocks } from '../../../../shared/checks/blocking-locks.ts';
import { checkCacheHitRatio } from '../../../../shared/checks/cache-hit-ratio.ts';
import type { CheckResult } from '../../../../shared/checks/check-result.ts';
import { checkConnections } from '../../../../shared/checks/connections.ts';
import { guarded } from '../../../../shared/checks/guarded.ts';
import { checkIndexHealth } from '../../../../shared/checks/index-health.ts';
import { checkLongRunningQueries } from '../../../../shared/checks/long-running-queries.ts';
import { checkQueryOutliers } from '../../../../shared/checks/query-outliers.ts';
import { checkTableSizes } from '../../../../shared/checks/table-sizes.ts';
import { checkUnvalidatedConstraints } from '../../../../shared/checks/unvalidated-constraints.ts';
import { checkVacuumHealth } from '../../../../shared/checks/vacuum-health.ts';
import * as contracts from '../../../../shared/contracts/database-scalability.ts';
import type { Sql } from '../../../../shared/sql/client.ts';
import { type ActionContext, defineAction } from '../../_shared/action.ts';

/** A check run under the lock timeout (shared/checks/guarded.ts), on the caller's connection. */
const guardedCheck =
  <R extends CheckResult>(check: (tx: Sql) => Promise<R>) =>
  (_input: unknown, { sql }: ActionContext) =>
    guarded(sql, check);

/** The live database checks: one action each, in the order list_actions shows them. */
export const checkActions = [
  defineAction(contracts.blockingLocks, guardedCheck(checkBlockingLocks)),
  defineAction(contracts.tableSizes, guardedCheck(checkTableSizes)),
  defineAction(contracts.unvalidatedConstraints, guardedCheck(checkUnvalidatedConstraints)),
  defineAction(contracts.cacheHitRatio, guardedCheck(checkCacheHitRatio)),
  defineAction(contracts.indexHealth, guardedCheck(checkIndexHealth)),
  defineAction(contracts.longRunningQueries, ({ min_seconds }, { sql }) =>
    guarded(sql, (tx) => checkLongRunningQueries(tx, min_seconds)),
  ),
  defineAction(contracts.connections, guardedCheck(checkConnections)),
  defineAction(contracts.bloat, guardedCheck(checkBloat)),
  defineAction(contracts.vacuumHealth, guardedCheck(checkVacuumHealth)),
  defineAction(contracts.queryOutliers, guardedCheck(checkQueryOutliers)),
];
