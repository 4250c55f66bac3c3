import { z } from 'zod';
import { AppError } from '../../../../shared/app-error.ts';
import { dataMapTableSchema } from '../../../../shared/gdpr/data-map.ts';
import { validateDataMap } from '../../../../shared/gdpr/data-map-validation.ts';
import { replaceDataMapTable, selectCatalogColumns } from '../../../../shared/sql/gdpr-data-map.ts';
import { defineAction } from '../../_shared/action.ts';

/** Adds or replaces data-map entries; all are checked against the catalog before any is stored. */
export const setDataMap = defineAction({
  name: 'set_data_map',
  summary: 'Adds or replaces tables of the data map, validated against the real catalog.',
  access: 'admin',
  input: { tables: z.array(dataMapTableSchema).min(1).max(100) },
  async handler({ tables }, { sql }) {
    const names = tables.map((t) => `${t.schema}.${t.table}`);
    const catalog = await selectCatalogColumns(sql, names);
    const issues = validateDataMap(tables, catalog);
    const [first] = issues;
    if (first) {
      const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
      throw new AppError(422, 'data_map_invalid', `${first.path}: ${first.message}${more}`, {
        details: { issues },
      });
    }
    await sql.begin(async (tx) => {
      for (const entry of tables) await replaceDataMapTable(tx, entry);
    });
    return { tables: names };
  },
});
