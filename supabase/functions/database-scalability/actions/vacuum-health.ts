import { guarded } from '../../../../shared/checks/guarded.ts';
import { checkVacuumHealth } from '../../../../shared/checks/vacuum-health.ts';
import * as contracts from '../../../../shared/contracts/database-scalability.ts';
import { defineAction } from '../../_shared/action.ts';

export const vacuumHealth = defineAction(contracts.vacuumHealth, (_input, { sql }) =>
  guarded(sql, checkVacuumHealth),
);
