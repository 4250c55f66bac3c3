import { AppError } from '../../../../shared/app-error.ts';
import * as contracts from '../../../../shared/contracts/gdpr-compliance.ts';
import { validateDataMap } from '../../../../shared/gdpr/data-map-validation.ts';
import { replaceDataMapTable, selectCatalogColumns } from '../../../../shared/sql/gdpr-data-map.ts';
import { defineAction } from '../../_shared/action.ts';

/** Adds or replaces data-map entries; all are checked against the catalog before any is stored. */
export const setDataMap = defineAction(contracts.setDataMap, async ({ tables }, { sql }) => {
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
});
