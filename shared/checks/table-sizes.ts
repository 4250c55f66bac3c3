import type { Sql } from '../sql/client.ts';
import { selectTableSizes, type TableSizeRow } from '../sql/database-health.ts';
import type { CheckResult } from './check-result.ts';

/** Tables above this size make a locking migration slow enough to matter (warn). */
export const LARGE_TABLE_BYTES = 10 * 1024 ** 3;

export type TableSizesResult = CheckResult<{ tables: TableSizeRow[] }>;

export function gradeTableSizes(tables: TableSizeRow[]): TableSizesResult {
  const largest = tables[0]?.size_bytes ?? 0;
  return {
    status: largest >= LARGE_TABLE_BYTES ? 'warn' : 'pass',
    value: largest,
    threshold: LARGE_TABLE_BYTES,
    details: { tables },
  };
}

export async function checkTableSizes(sql: Sql, limit = 50): Promise<TableSizesResult> {
  return gradeTableSizes(await selectTableSizes(sql, limit));
}
