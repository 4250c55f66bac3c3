import type { OtlpHistogramPoint, OtlpResourceMetrics } from './model.ts';
import { TEMPORALITY } from './model.ts';
import { httpStatus, label, type ResourceLabels, resourceLabels, text } from './resource-labels.ts';
import type { AcceptedTimes } from './span-mapping.ts';

/** The stable HTTP semantic conventions' server duration histogram. */
export const REQUEST_DURATION = 'http.server.request.duration';

/** Milliseconds per unit: the conventions say `s`; some instrumentations still record `ms`. */
const MS_PER_UNIT: Record<string, number> = { s: 1000, ms: 1 };

export interface DurationPoint {
  /** SHA-256 of the series' identity: resource, scope, metric and data-point attributes. */
  key: string;
  point: OtlpHistogramPoint;
  cumulative: boolean;
  msPerUnit: number;
  labels: ResourceLabels;
  route: string;
  status: number;
}

export interface DurationPoints {
  points: DurationPoint[];
  rejected: number;
  firstRejection?: string;
}

/**
 * The `http.server.request.duration` data points of a batch, checked one by one: an exponential
 * histogram, an unknown unit or temporality, bucket counts that do not match the bounds or the
 * count, or a time outside the accepted range reject that point alone (partial_success). Every
 * other metric is accepted and ignored.
 */
export async function durationPoints(
  batch: readonly OtlpResourceMetrics[],
  accepted: AcceptedTimes,
  keyEnvironment?: string,
): Promise<DurationPoints> {
  const out: DurationPoints = { points: [], rejected: 0 };
  const reject = (n: number, why: string) => {
    out.rejected += n;
    out.firstRejection ??= why;
  };
  for (const rm of batch) {
    const labels = resourceLabels(rm.resource, keyEnvironment);
    for (const metric of rm.metrics) {
      if (metric.name !== REQUEST_DURATION) continue;
      const msPerUnit = MS_PER_UNIT[metric.unit];
      const temporality = metric.histogram?.temporality;
      if (!metric.histogram) {
        reject(
          metric.pointCount,
          `${metric.name}: only explicit-bucket histograms are read, not ${metric.kind}`,
        );
        continue;
      }
      if (
        !msPerUnit ||
        (temporality !== TEMPORALITY.delta && temporality !== TEMPORALITY.cumulative)
      ) {
        reject(
          metric.pointCount,
          `${metric.name}: unit "${metric.unit}" (s or ms) or temporality ${temporality} not supported`,
        );
        continue;
      }
      for (const point of metric.histogram.points) {
        const why = problemOf(point, accepted, labels);
        if (why) {
          reject(1, `${metric.name}: ${why}`);
          continue;
        }
        out.points.push({
          key: await seriesKey([
            rm.resource,
            metric.scope,
            metric.name,
            metric.unit,
            point.attributes,
          ]),
          point,
          cumulative: temporality === TEMPORALITY.cumulative,
          msPerUnit,
          labels,
          route: label(text(point.attributes, 'http.route'), 200) ?? '',
          status: httpStatus(point.attributes) ?? 200,
        });
      }
    }
  }
  return out;
}

function problemOf(p: OtlpHistogramPoint, accepted: AcceptedTimes, labels: ResourceLabels) {
  const atMs = Number(p.timeNs / 1_000_000n);
  if (atMs < accepted.fromMs || atMs > accepted.toMs)
    return 'data point time outside the accepted range';
  if (labels.environment.length > 50)
    return 'deployment.environment.name longer than 50 characters';
  if (
    p.bucketCounts.length !== p.explicitBounds.length + 1 &&
    !(p.count === 0 && p.bucketCounts.length === 0)
  )
    return `${p.bucketCounts.length} bucket counts for ${p.explicitBounds.length} bounds`;
  if (p.bucketCounts.reduce((a, b) => a + b, 0) !== p.count)
    return 'bucket counts do not add up to count';
  if (
    p.explicitBounds.some(
      (b, i) => !Number.isFinite(b) || (i > 0 && b <= (p.explicitBounds[i - 1] as number)),
    )
  )
    return 'explicit bounds must be finite and ascending';
  return null;
}

/** A stable hash of a series' identity (object keys sorted, so attribute order does not matter). */
async function seriesKey(parts: unknown[]): Promise<string> {
  const canonical = JSON.stringify(parts, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
