/** Storage measurements for the telemetry bench: what the telemetry tables hold, in bytes. */
import type { Pool, Sql } from '../shared/sql/client.ts';

export interface StorageFigures {
  /** Growth of every telemetry table (partitions, TOAST and indexes included) after VACUUM. */
  bytes: number;
  /** The same after VACUUM FULL (no room left over by the upserts' dead row versions). */
  compactBytes: number;
  rollups: number;
  exemplars: number;
  raw: number;
}

const TABLES =
  'public.telemetry_rollups, public.request_exemplars, public.request_samples, public.error_events';

async function telemetryBytes(sql: Sql): Promise<number> {
  const [row] = await sql<{ bytes: number }[]>`
    select coalesce(sum(pg_total_relation_size(relid)), 0)::float8 as bytes
      from (select relid from pg_partition_tree('public.request_samples')
            union all select relid from pg_partition_tree('public.error_events')
            union all select 'public.telemetry_rollups'::regclass
            union all select 'public.request_exemplars'::regclass) t`;
  return row?.bytes ?? 0;
}

/** Empties the telemetry tables, runs `fill`, and measures what it added. */
export async function storageFigures(sql: Sql, fill: () => Promise<void>): Promise<StorageFigures> {
  await sql.unsafe(`truncate ${TABLES}`);
  await sql.unsafe(`vacuum ${TABLES}`);
  const empty = await telemetryBytes(sql);
  await fill();
  await sql.unsafe(`vacuum (analyze) ${TABLES}`);
  const bytes = (await telemetryBytes(sql)) - empty;
  await sql.unsafe(`vacuum (full) ${TABLES}`);
  const compactBytes = (await telemetryBytes(sql)) - empty;
  const [counts] = await sql<{ rollups: number; exemplars: number; raw: number }[]>`
    select (select count(*) from public.telemetry_rollups)::float8 as rollups,
           (select count(*) from public.request_exemplars)::float8 as exemplars,
           (select count(*) from public.request_samples)::float8 as raw`;
  return { bytes, compactBytes, rollups: 0, exemplars: 0, raw: 0, ...counts };
}

/**
 * Makes `times` copies of what the tables hold, each shifted 3 h further back (the held
 * traffic spans under 3 h, so minute buckets never meet; hour buckets that do are added up as
 * ingest would). Returns the requests then stored and their bytes after VACUUM.
 */
export async function fillByShifting(sql: Pool, times: number) {
  await sql.begin(async (tx) => {
    await tx`create temp table held_rollups on commit drop as select * from public.telemetry_rollups`;
    await tx`create temp table held_exemplars on commit drop as select * from public.request_exemplars`;
    for (let k = 1; k < times; k++) {
      await tx`
        insert into public.telemetry_rollups as r
          (resolution, scope, bucket, environment, deployment_id, variant, route, requests, failed,
           error_events, critical_events, duration_sum, duration_max, hist)
        select resolution, scope, bucket - make_interval(hours => 3 * ${k}::int), environment,
               deployment_id, variant, route, requests, failed, error_events, critical_events,
               duration_sum, duration_max, hist
          from held_rollups
         order by 1, 2, 3, 4, 5, 6, 7
        on conflict (resolution, scope, bucket, environment, deployment_id, variant, route) do update set
          requests = r.requests + excluded.requests,
          failed = r.failed + excluded.failed,
          error_events = r.error_events + excluded.error_events,
          critical_events = r.critical_events + excluded.critical_events,
          duration_sum = r.duration_sum + excluded.duration_sum,
          duration_max = greatest(r.duration_max, excluded.duration_max),
          hist = public.telemetry_hist_trim(public.telemetry_hist_add(r.hist, excluded.hist))`;
      await tx`
        insert into public.request_exemplars
        select bucket - make_interval(hours => 3 * ${k}::int), environment, deployment_id, variant,
               slowest, failed
          from held_exemplars
        on conflict do nothing`;
    }
  });
  await sql.unsafe(`vacuum (analyze) ${TABLES}`);
  const [row] = await sql<{ requests: number }[]>`
    select coalesce(sum(requests), 0)::float8 as requests from public.telemetry_rollups
     where resolution = 'minute' and scope = 'env'`;
  return { requests: row?.requests ?? 0, bytes: await telemetryBytes(sql) };
}
