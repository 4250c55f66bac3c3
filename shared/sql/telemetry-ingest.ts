import type { RequestSample } from '../model/request-sample.ts';
import type { RollupDelta } from '../model/rollup-delta.ts';
import type { Sql } from './client.ts';

/** Creates the daily partitions a batch needs (a catalog lookup when they exist). */
export async function ensurePartitions(
  tx: Sql,
  parent: 'request_samples' | 'error_events',
  times: Date[],
) {
  const days = [...new Set(times.map((t) => t.toISOString().slice(0, 10)))].sort();
  for (const day of days)
    await tx`select public.telemetry_ensure_partition(${parent}, ${day}::date)`;
}

export function insertRequestSamples(tx: Sql, samples: readonly RequestSample[]) {
  const rows = samples.map((s) => ({
    ...s,
    occurred_at: s.occurred_at.toISOString(),
    trace_id: s.trace_id ?? null,
  }));
  return tx`
    insert into public.request_samples
      (occurred_at, duration_ms, status, route, environment, release, deployment_id, variant, trace_id)
    select occurred_at, duration_ms, status, route, environment, release, deployment_id, variant, trace_id
      from jsonb_to_recordset(${tx.json(rows)}::jsonb) as x(
        occurred_at timestamptz, duration_ms double precision, status smallint, route text,
        environment text, release text, deployment_id text, variant text, trace_id text)`;
}

/**
 * Adds deltas to the rollups, in key order for every writer, so concurrent batches never deadlock.
 * Deltas carry dense histograms; rows store them trimmed (see telemetry_hist_trim).
 */
export function upsertRollups(tx: Sql, deltas: readonly RollupDelta[]) {
  return tx`
    insert into public.telemetry_rollups as r
      (resolution, scope, bucket, environment, deployment_id, variant, route,
       requests, failed, error_events, critical_events, duration_sum, duration_max, hist)
    select resolution, scope, bucket, environment, deployment_id, variant, route,
           requests, failed, error_events, coalesce(critical_events, 0), duration_sum, duration_max,
           public.telemetry_hist_trim(hist)
      from jsonb_to_recordset(${tx.json(deltas as never)}::jsonb) as x(
        resolution text, scope text, bucket timestamptz, environment text, deployment_id text, variant text,
        route text, requests bigint, failed bigint, error_events bigint, critical_events bigint,
        duration_sum double precision, duration_max double precision, hist int[])
     order by resolution, scope, bucket, environment, deployment_id, variant, route
    on conflict (resolution, scope, bucket, environment, deployment_id, variant, route) do update set
      requests = r.requests + excluded.requests,
      failed = r.failed + excluded.failed,
      error_events = r.error_events + excluded.error_events,
      critical_events = r.critical_events + excluded.critical_events,
      duration_sum = r.duration_sum + excluded.duration_sum,
      duration_max = greatest(r.duration_max, excluded.duration_max),
      hist = public.telemetry_hist_trim(public.telemetry_hist_add(r.hist, excluded.hist))`;
}
