import type { SeriesKey } from '../../model/request-sample.ts';
import type { RollupDelta } from '../../model/rollup-delta.ts';
import { deltaFor, scopedKeys } from '../rollup.ts';
import { type ExplicitHistogram, rebucket } from './histogram-mapping.ts';

/** One histogram data point's requests, as the rollups count them. */
export interface RollupRow {
  at: Date;
  key: SeriesKey;
  requests: number;
  failed: number;
  sumMs: number;
  histogram: ExplicitHistogram;
}

/**
 * Rollup deltas from pre-aggregated requests (what rollup.ts's rollupRequests builds from single
 * samples): one delta per resolution, scope, bucket and series, summed, since one upsert may not
 * touch a row twice.
 */
export class RollupRows {
  private readonly byId = new Map<string, RollupDelta>();

  add(row: RollupRow): void {
    const { hist, maxMs } = rebucket(row.histogram);
    for (const resolution of ['minute', 'hour'] as const) {
      for (const [scope, key] of scopedKeys(row.key)) {
        const d = deltaFor(this.byId, resolution, scope, row.at.getTime(), key);
        d.requests += row.requests;
        d.failed += row.failed;
        d.duration_sum += row.sumMs;
        d.duration_max = Math.max(d.duration_max, maxMs);
        hist.forEach((n, i) => {
          while (d.hist.length <= i) d.hist.push(0);
          d.hist[i] = (d.hist[i] ?? 0) + n;
        });
      }
    }
  }

  deltas(): RollupDelta[] {
    return [...this.byId.values()];
  }
}
