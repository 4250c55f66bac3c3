import type { RequestSample, SeriesKey } from '../model/request-sample.ts';
import type { RollupDelta, Scope } from '../model/rollup-delta.ts';
import { addSample } from './histogram.ts';

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

/**
 * What a batch adds to the minute and hour rollups, one delta per bucket, scope and series.
 * Samples are first summed per minute and full series (one key and one histogram bucket per
 * sample), then each sum is added to its six rows: a few cells, not six map look-ups a sample.
 */
export function rollupRequests(samples: readonly RequestSample[]): RollupDelta[] {
  const cells = new Map<string, RollupDelta>();
  for (const s of samples) {
    const minute = Math.floor(s.occurred_at.getTime() / STEP_MS.minute) * STEP_MS.minute;
    const id = `${minute}\u0000${s.environment}\u0000${s.deployment_id}\u0000${s.variant}\u0000${s.route}`;
    let c = cells.get(id);
    if (!c) {
      c = emptyDelta('minute', 'route', String(minute), s);
      cells.set(id, c);
    }
    c.requests += 1;
    if (isFailed(s.status)) c.failed += 1;
    c.duration_sum += s.duration_ms;
    c.duration_max = Math.max(c.duration_max, s.duration_ms);
    addSample(c.hist, s.duration_ms);
  }
  const deltas = new Map<string, RollupDelta>();
  for (const c of cells.values()) {
    for (const resolution of ['minute', 'hour'] as const) {
      for (const [scope, key] of scopedKeys(c)) {
        const d = deltaFor(deltas, resolution, scope, Number(c.bucket), key);
        d.requests += c.requests;
        d.failed += c.failed;
        d.duration_sum += c.duration_sum;
        d.duration_max = Math.max(d.duration_max, c.duration_max);
        addHistogram(d.hist, c.hist);
      }
    }
  }
  return [...deltas.values()];
}

function addHistogram(into: number[], from: readonly number[]) {
  while (into.length < from.length) into.push(0);
  for (let i = 0; i < from.length; i++) into[i] = (into[i] as number) + (from[i] ?? 0);
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
        const d = deltaFor(deltas, resolution, scope, e.occurred_at.getTime(), key);
        d.error_events += 1;
        d.critical_events += critical;
      }
    }
  }
  return [...deltas.values()];
}

/** The delta of one resolution, scope, bucket and series in `map`, created empty when new. */
export function deltaFor(
  map: Map<string, RollupDelta>,
  resolution: 'minute' | 'hour',
  scope: Scope,
  atMs: number,
  key: SeriesKey,
): RollupDelta {
  const step = STEP_MS[resolution];
  const start = Math.floor(atMs / step) * step;
  const id = `${resolution}\u0000${scope}\u0000${start}\u0000${key.environment}\u0000${key.deployment_id}\u0000${key.variant}\u0000${key.route}`;
  const existing = map.get(id);
  if (existing) return existing;
  const created = emptyDelta(resolution, scope, new Date(start).toISOString(), key);
  map.set(id, created);
  return created;
}

function emptyDelta(
  resolution: 'minute' | 'hour',
  scope: Scope,
  bucket: string,
  key: SeriesKey,
): RollupDelta {
  return {
    resolution,
    scope,
    bucket,
    environment: key.environment,
    deployment_id: key.deployment_id,
    variant: key.variant,
    route: key.route,
    requests: 0,
    failed: 0,
    error_events: 0,
    critical_events: 0,
    duration_sum: 0,
    duration_max: 0,
    hist: [],
  };
}
