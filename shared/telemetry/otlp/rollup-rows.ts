import { type RollupDelta, type SeriesKey, scopedKeys } from '../rollup.ts';
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

const STEP_MS = { minute: 60_000, hour: 3_600_000 } as const;

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
      const step = STEP_MS[resolution];
      const bucket = new Date(Math.floor(row.at.getTime() / step) * step).toISOString();
      for (const [scope, key] of scopedKeys(row.key)) {
        const id = JSON.stringify([resolution, scope, bucket, key]);
        const d = this.byId.get(id) ?? {
          resolution,
          scope,
          bucket,
          ...key,
          requests: 0,
          failed: 0,
          error_events: 0,
          critical_events: 0,
          duration_sum: 0,
          duration_max: 0,
          hist: [],
        };
        this.byId.set(id, d);
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
