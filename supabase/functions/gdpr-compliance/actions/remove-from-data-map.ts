import * as contracts from '../../../../shared/contracts/gdpr-compliance.ts';
import { deleteDataMapTables } from '../../../../shared/sql/gdpr-data-map.ts';
import { defineAction } from '../../_shared/action.ts';

export const removeFromDataMap = defineAction(
  contracts.removeFromDataMap,
  async ({ tables }, { sql }) => {
    const removed = await deleteDataMapTables(sql, tables);
    return { removed: removed.map((r) => r.table) };
  },
);
