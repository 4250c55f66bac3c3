import type { SeriesState } from '../../model/otlp-series-state.ts';
import type { Pool, Sql } from '../../sql/client.ts';
import { addStepCanaryRequests } from '../../sql/deployments.ts';
import {
  lockSeries,
  pruneSeries,
  selectSeries,
  upsertSeries,
} from '../../sql/otlp-metric-series.ts';
import { touchMetricServices } from '../../sql/otlp-metric-services.ts';
import { upsertRollups } from '../../sql/telemetry-ingest.ts';
import type { IngestOptions } from '../ingest-requests.ts';
import { attributeTelemetry } from '../release-attribution.ts';
import { isFailed } from '../rollup.ts';
import { acceptedTimes } from './attribution.ts';
import { cumulativeDelta, type HistogramCounts, stateOf } from './cumulative.ts';
import { type DurationPoint, durationPoints } from './duration-points.ts';
import type { OtlpResourceMetrics } from './model.ts';
import { isoFromNanos } from './resource-labels.ts';
import { type RollupRow, RollupRows } from './rollup-rows.ts';
import type { OtlpIngestResult } from './trace-ingest.ts';

/**
 * `http.server.request.duration` histograms straight into the rollups, no raw samples: each
 * data point is its requests (count), failed requests (count, when its `http.response.status_code`
 * is 5xx), duration sum and max, and its buckets re-bucketed onto ours (histogram-mapping.ts),
 * counted in the minute and hour of its time. CUMULATIVE points become deltas against the
 * series' last point (otlp_metric_series, cumulative.ts). One transaction, like every ingest: the
 * canary judge's hooks decide on the new evidence before it commits.
 */
export async function ingestMetrics(
  sql: Pool,
  batch: readonly OtlpResourceMetrics[],
  options: IngestOptions & { keyEnvironment?: string },
): Promise<OtlpIngestResult> {
  const now = options.now ?? new Date();
  const { settings, accepted } = await acceptedTimes(sql, now);
  const found = await durationPoints(batch, accepted, options.keyEnvironment);
  const result = { rejected: found.rejected, message: found.firstRejection ?? '' };
  if (found.points.length === 0) return result;
  // These services' requests are counted here, not from their spans (trace-ingest.ts). Outside
  // the transaction, so many processes of one service do not queue on its row while they ingest.
  await touchMetricServices(
    sql,
    found.points.map((p) => ({ environment: p.labels.environment, service: p.labels.service })),
  );
  await sql.begin(async (tx) => {
    const deltas = await deltasOf(tx, found.points);
    const attributions = await attributeTelemetry(
      tx,
      deltas.map(({ p }) => ({
        environment: p.labels.environment,
        release: p.labels.release,
        service: p.labels.service,
        timestamp: isoFromNanos(p.point.timeNs),
      })),
      now,
      settings.max_clock_skew_seconds,
    );
    const rows = new RollupRows();
    const canary = new Map<string, number>();
    deltas.forEach(({ p, counts }, i) => {
      const a = attributions[i];
      rows.add(rowOf(p, counts, a?.deployment_id ?? '', a?.variant ?? ''));
      if (a?.variant === 'canary')
        canary.set(a.deployment_id, (canary.get(a.deployment_id) ?? 0) + counts.count);
    });
    await upsertRollups(tx, rows.deltas());
    await addStepCanaryRequests(
      tx,
      [...canary].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, n]) => ({ id, n })),
    );
    const deploymentIds = [...new Set(attributions.flatMap((a) => (a ? [a.deployment_id] : [])))];
    for (const hook of options.hooks ?? []) await hook(tx, { deploymentIds });
  });
  return result;
}

/** Delta points as they are; cumulative ones against their series' last point, kept updated. */
async function deltasOf(tx: Sql, points: readonly DurationPoint[]) {
  const cumulative = points.filter((p) => p.cumulative);
  const keys = [...new Set(cumulative.map((p) => p.key))];
  let states = new Map<string, SeriesState>();
  if (keys.length) {
    await lockSeries(tx, keys);
    states = await selectSeries(tx, keys);
  }
  const out: Array<{ p: DurationPoint; counts: HistogramCounts }> = [];
  // Oldest first, so two points of one series in one batch chain correctly.
  for (const p of [...points].sort((a, b) => (a.point.timeNs < b.point.timeNs ? -1 : 1))) {
    if (!p.cumulative) {
      if (p.point.count > 0) out.push({ p, counts: p.point });
      continue;
    }
    const counts = cumulativeDelta(states.get(p.key), p.point);
    if (counts) states.set(p.key, stateOf(p.point));
    if (counts && counts.count > 0) out.push({ p, counts });
  }
  if (keys.length) {
    await upsertSeries(
      tx,
      keys.map((k) => [k, states.get(k) as SeriesState]),
    );
    await pruneSeries(tx);
  }
  return out;
}

function rowOf(
  p: DurationPoint,
  c: HistogramCounts,
  deployment_id: string,
  variant: string,
): RollupRow {
  return {
    at: new Date(Number(p.point.timeNs / 1_000_000n)),
    key: { environment: p.labels.environment, deployment_id, variant, route: p.route },
    requests: c.count,
    failed: isFailed(p.status) ? c.count : 0,
    sumMs: (c.sum ?? 0) * p.msPerUnit,
    histogram: {
      bucketCounts: c.bucketCounts,
      bounds: c.explicitBounds.map((b) => b * p.msPerUnit),
      min: c.min === undefined ? undefined : c.min * p.msPerUnit,
      max: c.max === undefined ? undefined : c.max * p.msPerUnit,
    },
  };
}
