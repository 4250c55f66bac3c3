/** One kept request (stored in `request_exemplars` as [at, ms, status, route, release, trace_id]). */
export interface Exemplar {
  /** Epoch milliseconds. */
  at: number;
  ms: number;
  status: number;
  route: string;
  release: string;
  trace_id: string | null;
}

/** What a batch offers one exemplar row: its own top N, merged with the stored ones in SQL. */
export interface ExemplarDelta {
  bucket: string;
  environment: string;
  deployment_id: string;
  variant: string;
  slowest: Exemplar[];
  failed: Exemplar[];
}
