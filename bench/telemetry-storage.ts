/** Storage measurements for the telemetry bench: what the telemetry tables hold, in bytes. */

import type { RollupDelta } from '../shared/model/rollup-delta.ts';
import type { Pool, Sql } from '../shared/sql/client.ts';
import { upsertRollups } from '../shared/sql/telemetry-ingest.ts';

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
      // Through the ingest's own upsert (dense histograms in, trimmed ones stored).
      const deltas = await tx<RollupDelta[]>`
        select resolution, scope,
               to_char((bucket - make_interval(hours => 3 * ${k}::int)) at time zone 'UTC',
                       'YYYY-MM-DD"T"HH24:MI:SS"Z"') as bucket,
               environment, deployment_id, variant, route, requests::float8 as requests,
               failed::float8 as failed, error_events::float8 as error_events,
               critical_events::float8 as critical_events, duration_sum, duration_max,
               public.telemetry_hist_dense(hist) as hist
          from held_rollups`;
      await upsertRollups(tx, deltas);
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
