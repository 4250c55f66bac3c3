import { addSample } from './histogram.ts';

/** The dimensions every rollup row is keyed by; '' means "not given". */
export interface SeriesKey {
  environment: string;
  deployment_id: string;
  variant: string;
  route: string;
}

export interface RequestSample extends SeriesKey {
  occurred_at: Date;
  duration_ms: number;
  status: number;
  release: string;
}

export interface RollupDelta extends SeriesKey {
  resolution: 'minute' | 'hour';
  bucket: string;
  requests: number;
  failed: number;
  error_events: number;
  duration_sum: number;
  duration_max: number;
  hist: number[];
}

const STEP_MS = { minute: 60_000, hour: 3_600_000 } as const;

/** A request is failed when the server answered 5xx: the numerator of every error rate. */
export function isFailed(status: number): boolean {
  return status >= 500;
}

/** What a batch adds to the minute and hour rollups, one delta per bucket and series, sorted. */
export function rollupRequests(samples: readonly RequestSample[]): RollupDelta[] {
  const deltas = new Map<string, RollupDelta>();
  for (const s of samples) {
    for (const resolution of ['minute', 'hour'] as const) {
      const d = deltaFor(deltas, resolution, s.occurred_at, s);
      d.requests += 1;
      if (isFailed(s.status)) d.failed += 1;
      d.duration_sum += s.duration_ms;
      d.duration_max = Math.max(d.duration_max, s.duration_ms);
      addSample(d.hist, s.duration_ms);
    }
  }
  return sorted(deltas);
}

/** Error events count per bucket and series; they carry no route. */
export function rollupErrors(
  events: ReadonlyArray<Omit<SeriesKey, 'route'> & { occurred_at: Date }>,
): RollupDelta[] {
  const deltas = new Map<string, RollupDelta>();
  for (const e of events) {
    for (const resolution of ['minute', 'hour'] as const) {
      deltaFor(deltas, resolution, e.occurred_at, { ...e, route: '' }).error_events += 1;
    }
  }
  return sorted(deltas);
}

function deltaFor(
  map: Map<string, RollupDelta>,
  resolution: 'minute' | 'hour',
  at: Date,
  key: SeriesKey,
): RollupDelta {
  const step = STEP_MS[resolution];
  const bucket = new Date(Math.floor(at.getTime() / step) * step).toISOString();
  const id = [resolution, bucket, key.environment, key.deployment_id, key.variant, key.route].join(
    '\u0000',
  );
  let d = map.get(id);
  if (!d) {
    d = {
      resolution,
      bucket,
      environment: key.environment,
      deployment_id: key.deployment_id,
      variant: key.variant,
      route: key.route,
      requests: 0,
      failed: 0,
      error_events: 0,
      duration_sum: 0,
      duration_max: 0,
      hist: [],
    };
    map.set(id, d);
  }
  return d;
}

// A fixed order for every writer, so concurrent upserts of the same rows cannot deadlock.
function sorted(map: Map<string, RollupDelta>): RollupDelta[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
}
