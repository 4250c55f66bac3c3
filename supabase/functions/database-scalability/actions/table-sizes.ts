import { guarded } from '../../../../shared/checks/guarded.ts';
import { checkTableSizes } from '../../../../shared/checks/table-sizes.ts';
import * as contracts from '../../../../shared/contracts/database-scalability.ts';
import { defineAction } from '../../_shared/action.ts';

export const tableSizes = defineAction(contracts.tableSizes, ({ limit }, { sql }) =>
  guarded(sql, (tx) => checkTableSizes(tx, limit)),
);
