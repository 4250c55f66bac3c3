import { z } from 'zod';
import { deleteDataMapTables } from '../../../../shared/sql/gdpr-data-map.ts';
import { defineAction } from '../../_shared/action.ts';

export const removeFromDataMap = defineAction({
  name: 'remove_from_data_map',
  summary: 'Removes tables ("schema.table") from the data map.',
  access: 'admin',
  input: { tables: z.array(z.string().min(3).max(127)).min(1).max(100) },
  async handler({ tables }, { sql }) {
    const removed = await deleteDataMapTables(sql, tables);
    return { removed: removed.map((r) => r.table) };
  },
});
