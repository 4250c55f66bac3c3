import { guarded } from '../../../../shared/checks/guarded.ts';
import { checkVacuumHealth } from '../../../../shared/checks/vacuum-health.ts';
import { defineAction } from '../../_shared/action.ts';

export const vacuumHealth = defineAction({
  name: 'vacuum_health',
  summary: 'Transaction-ID wraparound distance and autovacuum falling behind.',
  access: 'view',
  input: {},
  handler: (_input, { sql }) => guarded(sql, checkVacuumHealth),
});
