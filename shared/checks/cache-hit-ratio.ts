import type { Sql } from '../sql/client.ts';
import { type CacheHitRow, selectCacheHits } from '../sql/database-maintenance.ts';
import type { CheckResult, CheckStatus } from './check-result.ts';

/**
 * Below 99 % of blocks served from memory the working set no longer fits in shared buffers
 * (warn). Never a fail: a cold cache slows queries but makes no migration unsafe.
 */
export const CACHE_HIT_WARN_BELOW = 99;

export type CacheHitRatioResult = CheckResult<{
  table_hit_percent: number | null;
  index_hit_percent: number | null;
  blocks: CacheHitRow;
}>;

/** `value` is the worse of the two ratios, in percent; null while nothing was read at all. */
export function gradeCacheHitRatio(blocks: CacheHitRow): CacheHitRatioResult {
  const table = percent(blocks.table_hits, blocks.table_reads);
  const index = percent(blocks.index_hits, blocks.index_reads);
  const known = [table, index].filter((v): v is number => v !== null);
  const worst = known.length > 0 ? Math.min(...known) : null;
  const status: CheckStatus = worst !== null && worst < CACHE_HIT_WARN_BELOW ? 'warn' : 'pass';
  return {
    status,
    value: worst,
    threshold: CACHE_HIT_WARN_BELOW,
    details: { table_hit_percent: table, index_hit_percent: index, blocks },
  };
}

function percent(hits: number, reads: number): number | null {
  const total = hits + reads;
  return total === 0 ? null : Math.round((10000 * hits) / total) / 100;
}

export async function checkCacheHitRatio(sql: Sql): Promise<CacheHitRatioResult> {
  const [blocks] = await selectCacheHits(sql);
  return gradeCacheHitRatio(
    blocks ?? { table_hits: 0, table_reads: 0, index_hits: 0, index_reads: 0 },
  );
}
