import type { SeriesState } from '../../model/otlp-series-state.ts';
import type { OtlpHistogramPoint } from './model.ts';

export type HistogramCounts = Pick<
  OtlpHistogramPoint,
  'count' | 'sum' | 'min' | 'max' | 'bucketCounts' | 'explicitBounds'
>;

export function stateOf(point: OtlpHistogramPoint): SeriesState {
  return {
    start_ns: point.startNs,
    time_ns: point.timeNs,
    count: point.count,
    sum: point.sum ?? 0,
    bucket_counts: [...point.bucketCounts],
    explicit_bounds: [...point.explicitBounds],
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
  point: OtlpHistogramPoint,
): HistogramCounts | null {
  const sameSeries =
    prev !== undefined &&
    prev.start_ns === point.startNs &&
    prev.explicit_bounds.length === point.explicitBounds.length &&
    prev.explicit_bounds.every((b, i) => b === point.explicitBounds[i]);
  if (!sameSeries) return point;
  if (point.timeNs <= prev.time_ns) return null;
  const wentDown =
    point.count < prev.count || point.bucketCounts.some((n, i) => n < (prev.bucket_counts[i] ?? 0));
  if (wentDown) return point;
  return {
    count: point.count - prev.count,
    sum: point.sum === undefined ? undefined : point.sum - prev.sum,
    max: point.max,
    bucketCounts: point.bucketCounts.map((n, i) => n - (prev.bucket_counts[i] ?? 0)),
    explicitBounds: point.explicitBounds,
  };
}
