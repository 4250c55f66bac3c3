import type { Sql } from '../sql/client.ts';
import {
  type DuplicateIndexRow,
  type IndexRow,
  selectDuplicateIndexes,
  selectInvalidIndexes,
  selectUnusedIndexes,
} from '../sql/database-indexes.ts';
import type { CheckResult } from './check-result.ts';

/**
 * Unused indexes smaller than this are ignored: on a young or small database every index is
 * "unused", and a small one costs little on writes.
 */
export const UNUSED_INDEX_MIN_BYTES = 1024 * 1024;

export type IndexHealthResult = CheckResult<{
  invalid: IndexRow[];
  duplicate: DuplicateIndexRow[];
  unused: IndexRow[];
  unused_min_bytes: number;
}>;

/**
 * Each problem index counts once. All are warnings: they cost writes and disk, and an invalid
 * one must be dropped before its migration is retried, but none makes a deployment unsafe.
 */
export function gradeIndexHealth(found: {
  invalid: IndexRow[];
  duplicate: DuplicateIndexRow[];
  unused: IndexRow[];
}): IndexHealthResult {
  const count = found.invalid.length + found.duplicate.length + found.unused.length;
  return {
    status: count > 0 ? 'warn' : 'pass',
    value: count,
    threshold: 0,
    details: { ...found, unused_min_bytes: UNUSED_INDEX_MIN_BYTES },
  };
}

export async function checkIndexHealth(sql: Sql): Promise<IndexHealthResult> {
  const [invalid, duplicate, unused] = await Promise.all([
    selectInvalidIndexes(sql),
    selectDuplicateIndexes(sql),
    selectUnusedIndexes(sql, UNUSED_INDEX_MIN_BYTES),
  ]);
  return gradeIndexHealth({
    invalid: [...invalid],
    duplicate: [...duplicate],
    unused: [...unused],
  });
}
