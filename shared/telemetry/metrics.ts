import type { WindowTotals } from '../sql/telemetry-query.ts';
import { percentile } from './histogram.ts';

/** Rates and latencies keep 4 decimals: exact enough for `bc`, stable enough to compare. */
export const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

export interface WindowMetrics {
  requests: number;
  failed: number;
  error_events: number;
  /** Percent of requests answered 5xx; 0 (with insufficient_data) when there was no traffic. */
  error_rate: number;
  avg_response_time: number;
  p50_response_time: number;
  p95_response_time: number;
  p99_response_time: number;
  max_response_time: number;
  requests_per_second: number;
  /** No traffic is not "0 % errors": say so, but keep every figure a number for the scripts. */
  insufficient_data: boolean;
}

export function metricsOf(totals: WindowTotals, windowSeconds: number): WindowMetrics {
  const raw = rawMetricsOf(totals, windowSeconds);
  return Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, typeof v === 'number' ? round4(v) : v]),
  ) as WindowMetrics;
}

/** The same figures unrounded, for comparisons (rounding first would distort ratios). */
export function rawMetricsOf(totals: WindowTotals, windowSeconds: number): WindowMetrics {
  const has = totals.requests > 0;
  return {
    requests: totals.requests,
    failed: totals.failed,
    error_events: totals.error_events,
    error_rate: has ? (totals.failed / totals.requests) * 100 : 0,
    avg_response_time: has ? totals.duration_sum / totals.requests : 0,
    p50_response_time: percentile(totals.hist, 0.5, totals.duration_max),
    p95_response_time: percentile(totals.hist, 0.95, totals.duration_max),
    p99_response_time: percentile(totals.hist, 0.99, totals.duration_max),
    max_response_time: totals.duration_max,
    requests_per_second: totals.requests / windowSeconds,
    insufficient_data: !has,
  };
}

/** Relative change in percent (null when the previous value is 0: no meaningful ratio). */
export function changePercent(current: number, previous: number): number | null {
  return previous === 0 ? null : round4(((current - previous) / previous) * 100);
}
