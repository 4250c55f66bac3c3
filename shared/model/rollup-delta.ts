import type { SeriesKey } from './request-sample.ts';

/** Which series a rollup row counts: the environment's, a deployment variant's, or a route's. */
export type Scope = 'env' | 'deployment' | 'route';

/** What a batch adds to one rollup row (per minute or hour, scope and series), upserted in SQL. */
export interface RollupDelta extends SeriesKey {
  resolution: 'minute' | 'hour';
  scope: Scope;
  bucket: string;
  requests: number;
  failed: number;
  error_events: number;
  /** Error events of severity critical or fatal (the canary judge's `critical_errors`). */
  critical_events: number;
  duration_sum: number;
  duration_max: number;
  hist: number[];
}
