import { guarded } from '../../../../shared/checks/guarded.ts';
import { checkUnvalidatedConstraints } from '../../../../shared/checks/unvalidated-constraints.ts';
import * as contracts from '../../../../shared/contracts/database-scalability.ts';
import { defineAction } from '../../_shared/action.ts';

export const unvalidatedConstraints = defineAction(
  contracts.unvalidatedConstraints,
  (_input, { sql }) => guarded(sql, checkUnvalidatedConstraints),
);
