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
  /** Links the request to its error events (exemplars, raw samples); absent when not given. */
  trace_id?: string | null;
}

export type Scope = 'env' | 'deployment' | 'route';

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

const STEP_MS = { minute: 60_000, hour: 3_600_000 } as const;

/** A request is failed when the server answered 5xx: the numerator of every error rate. */
export function isFailed(status: number): boolean {
  return status >= 500;
}

/** The series a piece of telemetry is counted in, one per scope (see the telemetry migration). */
export function scopedKeys(key: SeriesKey): Array<[Scope, SeriesKey]> {
  const none = { environment: key.environment, deployment_id: '', variant: '', route: '' };
  return [
    ['env', none],
    ['deployment', { ...none, deployment_id: key.deployment_id, variant: key.variant }],
    ['route', { ...none, route: key.route }],
  ];
}

/** What a batch adds to the minute and hour rollups, one delta per bucket, scope and series. */
export function rollupRequests(samples: readonly RequestSample[]): RollupDelta[] {
  const deltas = new Map<string, RollupDelta>();
  for (const s of samples) {
    for (const resolution of ['minute', 'hour'] as const) {
      for (const [scope, key] of scopedKeys(s)) {
        const d = deltaFor(deltas, resolution, scope, s.occurred_at, key);
        d.requests += 1;
        if (isFailed(s.status)) d.failed += 1;
        d.duration_sum += s.duration_ms;
        d.duration_max = Math.max(d.duration_max, s.duration_ms);
        addSample(d.hist, s.duration_ms);
      }
    }
  }
  return [...deltas.values()];
}

export const CRITICAL_SEVERITIES: readonly string[] = ['critical', 'fatal'];

/** Error events per bucket and series; they carry no route, so the route scope skips them. */
export function rollupErrors(
  events: ReadonlyArray<Omit<SeriesKey, 'route'> & { occurred_at: Date; severity?: string }>,
): RollupDelta[] {
  const deltas = new Map<string, RollupDelta>();
  for (const e of events) {
    const critical = CRITICAL_SEVERITIES.includes(e.severity ?? '') ? 1 : 0;
    for (const resolution of ['minute', 'hour'] as const) {
      for (const [scope, key] of scopedKeys({ ...e, route: '' })) {
        if (scope === 'route') continue;
        const d = deltaFor(deltas, resolution, scope, e.occurred_at, key);
        d.error_events += 1;
        d.critical_events += critical;
      }
    }
  }
  return [...deltas.values()];
}

function deltaFor(
  map: Map<string, RollupDelta>,
  resolution: 'minute' | 'hour',
  scope: Scope,
  at: Date,
  key: SeriesKey,
): RollupDelta {
  const step = STEP_MS[resolution];
  const bucket = new Date(Math.floor(at.getTime() / step) * step).toISOString();
  const id = [
    resolution,
    scope,
    bucket,
    key.environment,
    key.deployment_id,
    key.variant,
    key.route,
  ].join('\u0000');
  const existing = map.get(id);
  if (existing) return existing;
  const created: RollupDelta = {
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
  map.set(id, created);
  return created;
}
