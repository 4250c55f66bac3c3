import type { Exemplar, ExemplarDelta } from '../model/exemplar.ts';
import type { Sql } from './client.ts';
import type { SeriesFilter } from './telemetry-query.ts';

/** The stored form, short as it repeats in every row; `selectExemplars` reads it by position. */
const exemplarTuple = (e: Exemplar) => [e.at, e.ms, e.status, e.route, e.release, e.trace_id];

/**
 * Merges a batch's exemplars into the stored ones, keeping the top `n` of each row. Rows are
 * locked in key order (like the rollups, which every writer upserts first), so concurrent
 * batches never deadlock; a row never holds more than `n` of each kind.
 */
export function upsertExemplars(tx: Sql, deltas: readonly ExemplarDelta[], n: number) {
  const rows = deltas.map((d) => ({
    ...d,
    slowest: d.slowest.map(exemplarTuple),
    failed: d.failed.map(exemplarTuple),
  }));
  return tx`
    insert into public.request_exemplars as r
      (bucket, environment, deployment_id, variant, slowest, failed)
    select bucket, environment, deployment_id, variant, slowest, failed
      from jsonb_to_recordset(${tx.json(rows as never)}::jsonb) as x(
        bucket timestamptz, environment text, deployment_id text, variant text,
        slowest jsonb, failed jsonb)
     order by bucket, environment, deployment_id, variant
    on conflict (bucket, environment, deployment_id, variant) do update set
      slowest = public.telemetry_exemplars_keep(r.slowest, excluded.slowest, 'slowest', ${n}::int),
      failed = public.telemetry_exemplars_keep(r.failed, excluded.failed, 'failed', ${n}::int)`;
}

export interface ExemplarRow {
  kind: 'slowest' | 'failed';
  occurred_at: Date;
  duration_ms: number;
  status: number;
  route: string;
  release: string;
  environment: string;
  deployment_id: string;
  variant: string;
  trace_id: string | null;
}

/** Exemplars with a bucket in [from, to): the slowest first (by duration), then the failed (newest first). */
export function selectExemplars(
  sql: Sql,
  range: { from: Date; to: Date },
  f: SeriesFilter & { kind?: 'slowest' | 'failed' | undefined; limit: number },
) {
  return sql<ExemplarRow[]>`
    select x.kind, to_timestamp((x.e->>0)::float8 / 1000) as occurred_at,
           (x.e->>1)::float8 as duration_ms, (x.e->>2)::int as status, x.e->>3 as route,
           x.e->>4 as release, r.environment, r.deployment_id, r.variant, x.e->>5 as trace_id
      from public.request_exemplars r
      cross join lateral (
        select 'slowest' as kind, e from jsonb_array_elements(r.slowest) e
        union all
        select 'failed', e from jsonb_array_elements(r.failed) e) x
     where r.bucket >= ${range.from} and r.bucket < ${range.to}
       ${f.environment === undefined ? sql`` : sql`and r.environment = ${f.environment}`}
       ${f.deployment_id === undefined ? sql`` : sql`and r.deployment_id = ${f.deployment_id}`}
       ${f.variant === undefined ? sql`` : sql`and r.variant = ${f.variant}`}
       ${f.route === undefined ? sql`` : sql`and x.e->>3 = ${f.route}`}
       ${f.kind === undefined ? sql`` : sql`and x.kind = ${f.kind}`}
     order by x.kind desc,
              case when x.kind = 'slowest' then (x.e->>1)::float8 end desc nulls last,
              occurred_at desc
     limit ${f.limit}`;
}

export interface LinkedErrorEvent {
  trace_id: string;
  occurred_at: Date;
  issue_id: number;
  title: string;
  severity: string;
}

/** Error events carrying one of `traceIds`, near [from, to) (an error may trail its request). */
export function selectErrorEventsByTrace(
  sql: Sql,
  traceIds: readonly string[],
  range: { from: Date; to: Date },
) {
  return sql<LinkedErrorEvent[]>`
    select e.trace_id, e.occurred_at, e.issue_id::float8 as issue_id, i.title, e.severity
      from public.error_events e
      join public.error_issues i on i.id = e.issue_id
     where e.trace_id = any(${traceIds as string[]}::text[])
       and e.occurred_at >= ${range.from}::timestamptz - interval '1 hour'
       and e.occurred_at < ${range.to}::timestamptz + interval '1 hour'
     order by e.occurred_at
     limit 1000`;
}
