import type { SeriesState } from '../model/otlp-series-state.ts';
import type { Sql } from './client.ts';

/**
 * Serialises the exports of the same series (transaction-scoped advisory locks, taken in key
 * order so two batches never deadlock): a series seen for the first time has no row to lock yet.
 */
export function lockSeries(tx: Sql, keys: readonly string[]) {
  return tx`
    select pg_advisory_xact_lock(hashtextextended(k, 0))
      from (select k from unnest(${[...keys].sort()}::text[]) as k order by k offset 0) s`;
}

export async function selectSeries(tx: Sql, keys: readonly string[]) {
  const rows = await tx<
    Array<{
      series_key: string;
      start_time_unix_nano: string;
      time_unix_nano: string;
      count: string;
      sum: number;
      bucket_counts: string[];
      explicit_bounds: number[];
    }>
  >`
    select series_key, start_time_unix_nano::text, time_unix_nano::text, count::text, sum,
           bucket_counts::text[], explicit_bounds
      from public.otlp_metric_series where series_key = any(${[...keys]}::text[])`;
  return new Map(
    rows.map((r): [string, SeriesState] => [
      r.series_key,
      {
        start_ns: BigInt(r.start_time_unix_nano),
        time_ns: BigInt(r.time_unix_nano),
        count: Number(r.count),
        sum: r.sum,
        bucket_counts: r.bucket_counts.map(Number),
        explicit_bounds: r.explicit_bounds,
      },
    ]),
  );
}

export function upsertSeries(tx: Sql, states: ReadonlyArray<[string, SeriesState]>) {
  const rows = states.map(([key, s]) => ({
    series_key: key,
    start_time_unix_nano: s.start_ns.toString(),
    time_unix_nano: s.time_ns.toString(),
    count: s.count,
    sum: s.sum,
    bucket_counts: s.bucket_counts,
    explicit_bounds: s.explicit_bounds,
  }));
  return tx`
    insert into public.otlp_metric_series as s
      (series_key, start_time_unix_nano, time_unix_nano, count, sum, bucket_counts, explicit_bounds)
    select series_key, start_time_unix_nano, time_unix_nano, count, sum,
           array(select jsonb_array_elements_text(bucket_counts)::bigint),
           array(select jsonb_array_elements_text(explicit_bounds)::float8)
      from jsonb_to_recordset(${tx.json(rows as never)}::jsonb) as x(
        series_key text, start_time_unix_nano numeric, time_unix_nano numeric, count bigint,
        sum double precision, bucket_counts jsonb, explicit_bounds jsonb)
     order by series_key
    on conflict (series_key) do update set
      start_time_unix_nano = excluded.start_time_unix_nano,
      time_unix_nano = excluded.time_unix_nano,
      count = excluded.count,
      sum = excluded.sum,
      bucket_counts = excluded.bucket_counts,
      explicit_bounds = excluded.explicit_bounds,
      updated_at = now()`;
}

/** Series no exporter has sent for two days: their processes are gone. */
export function pruneSeries(tx: Sql) {
  return tx`delete from public.otlp_metric_series where updated_at < now() - interval '2 days'`;
}
