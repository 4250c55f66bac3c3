/** The dimensions every rollup row is keyed by; '' means "not given". */
export interface SeriesKey {
  environment: string;
  deployment_id: string;
  variant: string;
  route: string;
}

/** One request as an app's telemetry reports it. */
export interface RequestSample extends SeriesKey {
  occurred_at: Date;
  duration_ms: number;
  status: number;
  release: string;
  /** Links the request to its error events (exemplars, raw samples); absent when not given. */
  trace_id?: string | null;
}
