import { checkBloat } from '../../../../shared/checks/bloat.ts';
import { guarded } from '../../../../shared/checks/guarded.ts';
import * as contracts from '../../../../shared/contracts/database-scalability.ts';
import { defineAction } from '../../_shared/action.ts';

export const bloat = defineAction(contracts.bloat, (_input, { sql }) => guarded(sql, checkBloat));
