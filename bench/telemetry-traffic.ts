/**
 * Synthetic request traffic for the telemetry bench: one production environment, canary and
 * stable (20 / 80), five routes, 2 % server errors, log-normal-ish latency, a trace id on every
 * request (as OTel/Sentry instrumented apps send), at a given rate ending at a given instant.
 */
import type { RequestSampleInput } from '../shared/telemetry/schemas.ts';
import { seededRandom } from './seeded-random.ts';

const ROUTES = ['/api/orders', '/api/users', '/api/search', '/api/cart', '/health'];

export const random = seededRandom(7);

let traces = 0;
export function sample(at: number, deployment_id?: string): RequestSampleInput {
  traces += 1;
  return {
    duration_ms: Math.round(20 * Math.exp(random() * 3) * 100) / 100,
    status: random() < 0.02 ? 503 : 200,
    route: ROUTES[Math.floor(random() * ROUTES.length)] as string,
    environment: 'production',
    release: random() < 0.2 ? '2.1.0' : '2.0.9',
    ...(deployment_id ? { deployment_id } : {}),
    variant: random() < 0.2 ? 'canary' : 'stable',
    trace_id: traces.toString(16).padStart(32, '0'),
    timestamp: new Date(at).toISOString(),
  };
}

/** `count` requests at `perSecond`, the last one at `end`, in batches of `batch` (oldest first). */
export function* traffic(count: number, perSecond: number, end: number, batch = 5000) {
  const start = end - (count / perSecond) * 1000;
  for (let done = 0; done < count; done += batch) {
    const n = Math.min(batch, count - done);
    yield Array.from({ length: n }, (_, i) => sample(start + ((done + i) / perSecond) * 1000));
  }
}

const COLUMNS = [
  'occurred_at',
  'duration_ms',
  'status',
  'route',
  'environment',
  'release',
  'deployment_id',
  'variant',
  'trace_id',
] as const;
export const COPY_COLUMNS = COLUMNS.join(', ');

/** A sample as one COPY text line, columns as COPY_COLUMNS. */
export const tsv = (s: RequestSampleInput) =>
  `${s.timestamp}\t${s.duration_ms}\t${s.status}\t${s.route ?? ''}\t${s.environment ?? ''}\t${s.release ?? ''}\t${s.deployment_id ?? ''}\t${s.variant ?? ''}\t${s.trace_id ?? ''}\n`;
