import { checkBloat } from '../../../../shared/checks/bloat.ts';
import { guarded } from '../../../../shared/checks/guarded.ts';
import { defineAction } from '../../_shared/action.ts';

export const bloat = defineAction({
  name: 'bloat',
  summary: 'Dead-tuple share per table; warns from 20 %, fails from 50 %.',
  access: 'view',
  input: {},
  handler: (_input, { sql }) => guarded(sql, checkBloat),
});
