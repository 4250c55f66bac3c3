/** The last cumulative point of one series, as otlp_metric_series keeps it. */
export interface SeriesState {
  start_ns: bigint;
  time_ns: bigint;
  count: number;
  sum: number;
  bucket_counts: number[];
  explicit_bounds: number[];
}
