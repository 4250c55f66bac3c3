import { z } from 'zod';
import { guarded } from '../../../../shared/checks/guarded.ts';
import { checkTableSizes } from '../../../../shared/checks/table-sizes.ts';
import { defineAction } from '../../_shared/action.ts';

export const tableSizes = defineAction({
  name: 'table_sizes',
  summary: 'Public tables by total size, largest first (the runbook’s query); warns from 10 GiB.',
  access: 'view',
  input: { limit: z.number().int().min(1).max(1000).default(50) },
  handler: ({ limit }, { sql }) => guarded(sql, (tx) => checkTableSizes(tx, limit)),
});
