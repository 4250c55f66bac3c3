import { z } from 'zod';
import type { CheckResult } from '../../../../shared/checks/check-result.ts';
import { selectTableSizes, type TableSizeRow } from '../../../../shared/sql/database-health.ts';
import { defineAction } from '../../_shared/action.ts';

/** Tables above this size make a locking migration slow enough to matter (warn). */
export const LARGE_TABLE_BYTES = 10 * 1024 ** 3;

export const tableSizes = defineAction({
  name: 'table_sizes',
  summary: 'Public tables by total size, largest first (the runbook’s query).',
  access: ['authenticated'],
  input: { limit: z.number().int().min(1).max(1000).default(50) },
  async handler({ limit }, { sql }): Promise<CheckResult<{ tables: TableSizeRow[] }>> {
    const tables = await selectTableSizes(sql, limit);
    const largest = tables[0]?.size_bytes ?? 0;
    return {
      status: largest >= LARGE_TABLE_BYTES ? 'warn' : 'pass',
      value: largest,
      threshold: LARGE_TABLE_BYTES,
      details: { tables },
    };
  },
});
