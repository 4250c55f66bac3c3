import { checkConnections } from '../../../../shared/checks/connections.ts';
import { guarded } from '../../../../shared/checks/guarded.ts';
import { defineAction } from '../../_shared/action.ts';

export const connections = defineAction({
  name: 'connections',
  summary: 'Client connections against max_connections; warns from 80 %, fails from 95 %.',
  access: 'view',
  input: {},
  handler: (_input, { sql }) => guarded(sql, checkConnections),
});
