import type { SeriesState } from '../../model/otlp-series-state.ts';
import type { OtlpHistogramPoint } from './model.ts';

export type HistogramCounts = Pick<
  OtlpHistogramPoint,
  'count' | 'sum' | 'min' | 'max' | 'bucketCounts' | 'explicitBounds'
>;

export function stateOf(p: OtlpHistogramPoint): SeriesState {
  return {
    start_ns: p.startNs,
    time_ns: p.timeNs,
    count: p.count,
    sum: p.sum ?? 0,
    bucket_counts: [...p.bucketCounts],
    explicit_bounds: [...p.explicitBounds],
  };
}

/**
 * What a CUMULATIVE point adds since the series' previous one, as the Collector's
 * cumulativetodelta processor does: the difference of counts, sums and buckets. The first point
 * of a series, a new start time, other bucket bounds or a count that went down mean the process
 * (re)started: the point counts whole. A point no newer than the last one is a retry or arrived
 * out of order: it adds nothing (null), which makes cumulative exports safe to resend. min is
 * unknown for a difference; max stays the series' (an upper bound, narrowed by the buckets).
 */
export function cumulativeDelta(
  prev: SeriesState | undefined,
  p: OtlpHistogramPoint,
): HistogramCounts | null {
  const sameSeries =
    prev !== undefined &&
    prev.start_ns === p.startNs &&
    prev.explicit_bounds.length === p.explicitBounds.length &&
    prev.explicit_bounds.every((b, i) => b === p.explicitBounds[i]);
  if (!sameSeries) return p;
  if (p.timeNs <= prev.time_ns) return null;
  const wentDown =
    p.count < prev.count || p.bucketCounts.some((n, i) => n < (prev.bucket_counts[i] ?? 0));
  if (wentDown) return p;
  return {
    count: p.count - prev.count,
    sum: p.sum === undefined ? undefined : p.sum - prev.sum,
    max: p.max,
    bucketCounts: p.bucketCounts.map((n, i) => n - (prev.bucket_counts[i] ?? 0)),
    explicitBounds: p.explicitBounds,
  };
}
