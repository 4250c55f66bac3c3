import { guarded } from '../../../../shared/checks/guarded.ts';
import { checkUnvalidatedConstraints } from '../../../../shared/checks/unvalidated-constraints.ts';
import { defineAction } from '../../_shared/action.ts';

export const unvalidatedConstraints = defineAction({
  name: 'unvalidated_constraints',
  summary: 'CHECK and FOREIGN KEY constraints added NOT VALID and never validated.',
  access: 'view',
  input: {},
  handler: (_input, { sql }) => guarded(sql, checkUnvalidatedConstraints),
});
