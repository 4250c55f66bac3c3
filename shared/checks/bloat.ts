import type { Sql } from '../sql/client.ts';
import { type DeadTupleRow, selectDeadTuples } from '../sql/database-maintenance.ts';
import { type CheckResult, grade } from './check-result.ts';

/**
 * Bloat estimated from dead tuples (the share of a table's rows that are dead versions waiting
 * for vacuum): warn from 20 %, fail from 50 %. Tables with fewer than 1,000 dead tuples are
 * ignored, where a high share means nothing.
 */
export const BLOAT_WARN_PERCENT = 20;
export const BLOAT_FAIL_PERCENT = 50;
export const BLOAT_MIN_DEAD_TUPLES = 1000;

export interface BloatedTable {
  schemaname: string;
  table_name: string;
  live_tuples: number;
  dead_tuples: number;
  dead_percent: number;
}

export type BloatResult = CheckResult<{ method: 'dead_tuples'; tables: BloatedTable[] }>;

/** `value` is the worst dead share in percent; `tables` lists those at or above the warn level. */
export function gradeBloat(rows: DeadTupleRow[]): BloatResult {
  const tables = rows
    .map((r) => ({
      schemaname: r.schemaname,
      table_name: r.table_name,
      live_tuples: r.live_tuples,
      dead_tuples: r.dead_tuples,
      dead_percent: Math.round((10000 * r.dead_tuples) / (r.live_tuples + r.dead_tuples)) / 100,
    }))
    .sort((a, b) => b.dead_percent - a.dead_percent);
  const worst = tables[0]?.dead_percent ?? 0;
  return {
    status: grade(worst, BLOAT_WARN_PERCENT, BLOAT_FAIL_PERCENT),
    value: worst,
    threshold: BLOAT_WARN_PERCENT,
    details: {
      method: 'dead_tuples',
      tables: tables.filter((t) => t.dead_percent >= BLOAT_WARN_PERCENT),
    },
  };
}

export async function checkBloat(sql: Sql): Promise<BloatResult> {
  return gradeBloat([...(await selectDeadTuples(sql, BLOAT_MIN_DEAD_TUPLES))]);
}
