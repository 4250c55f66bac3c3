import type { DataMapTable } from '../model/gdpr-data-map.ts';

/** Whether erasing a subject from the table deletes its rows (one `delete` column is enough). */
export function hasDeleteColumn(entry: Pick<DataMapTable, 'columns'>): boolean {
  return entry.columns.some((c) => c.erasure === 'delete');
}
