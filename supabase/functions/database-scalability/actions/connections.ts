import { checkConnections } from '../../../../shared/checks/connections.ts';
import { guarded } from '../../../../shared/checks/guarded.ts';
import * as contracts from '../../../../shared/contracts/database-scalability.ts';
import { defineAction } from '../../_shared/action.ts';

export const connections = defineAction(contracts.connections, (_input, { sql }) =>
  guarded(sql, checkConnections),
);
