import { guarded } from '../../../../shared/checks/guarded.ts';
import { checkLongRunningQueries } from '../../../../shared/checks/long-running-queries.ts';
import * as contracts from '../../../../shared/contracts/database-scalability.ts';
import { defineAction } from '../../_shared/action.ts';

export const longRunningQueries = defineAction(
  contracts.longRunningQueries,
  ({ min_seconds }, { sql }) => guarded(sql, (tx) => checkLongRunningQueries(tx, min_seconds)),
);
