import { guarded } from '../../../../shared/checks/guarded.ts';
import { checkIndexHealth } from '../../../../shared/checks/index-health.ts';
import * as contracts from '../../../../shared/contracts/database-scalability.ts';
import { defineAction } from '../../_shared/action.ts';

export const indexHealth = defineAction(contracts.indexHealth, (_input, { sql }) =>
  guarded(sql, checkIndexHealth),
);
