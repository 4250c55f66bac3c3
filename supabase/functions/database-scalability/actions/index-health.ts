import { guarded } from '../../../../shared/checks/guarded.ts';
import { checkIndexHealth } from '../../../../shared/checks/index-health.ts';
import { defineAction } from '../../_shared/action.ts';

export const indexHealth = defineAction({
  name: 'index_health',
  summary: 'Invalid, duplicate (covered by another) and unused indexes; warns on any.',
  access: 'view',
  input: {},
  handler: (_input, { sql }) => guarded(sql, checkIndexHealth),
});
