-- Telemetry storage by design (issue 14): the rollups with their histograms are the record of
-- every request; raw samples are optional (`raw_samples`: off, sampled at `raw_sample_rate`, or
-- on), and a few exemplars — the slowest and some failed requests — are kept per minute and
-- series, bounded whatever the request volume, so storage grows with minutes × series.

alter table public.telemetry_settings
  add column raw_samples text not null default 'off' check (raw_samples in ('off', 'sampled', 'on')),
  add column raw_sample_rate double precision not null default 0.01
    check (raw_sample_rate > 0 and raw_sample_rate <= 1),
  add column exemplars_per_minute int not null default 5 check (exemplars_per_minute between 0 and 20);

-- A trace id links a request (its exemplar, its raw sample) to the error events it raised.
alter table public.request_samples add column trace_id text;
alter table public.error_events add column trace_id text;
create index error_events_trace_id on public.error_events (trace_id, occurred_at)
  where trace_id is not null;

-- One row per minute and (environment, deployment, variant): up to `exemplars_per_minute` of its
-- slowest requests and as many of its first failed ones, each with its route, status, duration,
-- release and trace id. Ingest pre-selects a batch's own top N per row, and the upsert keeps the
-- top N of old and new: the row never grows. Rows are small and compressible (JSON keys repeat),
-- so they are compressed inline from 128 bytes on, like the rollups below.
create table public.request_exemplars (
  bucket timestamptz not null,
  environment text not null default '',
  deployment_id text not null default '',
  variant text not null default '',
  slowest jsonb not null default '[]',
  failed jsonb not null default '[]',
  primary key (bucket, environment, deployment_id, variant)
) with (toast_tuple_target = 128);
alter table public.request_exemplars enable row level security;
-- Routes and trace ids are request details (a route can carry personal data): no policy, the
-- functions' service connection reads them for callers with the `view` permission.

-- A rollup row is mostly its histogram: small counts and long runs of zeros, which compress
-- well. Compressing inline from 128 bytes on (instead of 2 kB) roughly halves the record.
alter table public.telemetry_rollups set (toast_tuple_target = 128);

-- The top `n` of two exemplar lists: the slowest by duration, the failed by time (the first
-- ones of the minute); ties broken by time so every writer keeps the same ones.
create function public.telemetry_exemplars_keep(kept jsonb, added jsonb, kind text, n int)
returns jsonb
language sql immutable parallel safe
set search_path = ''
as $$
  select coalesce(jsonb_agg(e order by o), '[]'::jsonb)
    from (
      select e, row_number() over (
               order by case when kind = 'slowest' then -(e->>'ms')::float8 end nulls last,
                        e->>'at', e->>'route', e->>'status', e->>'ms') as o
        from jsonb_array_elements(kept || added) as t(e)
    ) ranked
   where o <= n
$$;

-- Retention: raw partitions and exemplars after `raw_retention_days`, rollups after
-- `rollup_retention_days`. Returns how many partitions went.
create or replace function public.telemetry_apply_retention(as_of timestamptz default now())
returns int
language plpgsql
set search_path = ''
as $$
declare
  settings public.telemetry_settings;
  part record;
  dropped int := 0;
  cutoff date;
begin
  select * into settings from public.telemetry_settings;
  cutoff := (as_of - make_interval(days => settings.raw_retention_days))::date;
  for part in
    select c.relname
      from pg_inherits i
      join pg_class c on c.oid = i.inhrelid
      join pg_class p on p.oid = i.inhparent
     where p.relname in ('request_samples', 'error_events')
       and p.relnamespace = 'public'::regnamespace
       and to_date(right(c.relname, 8), 'YYYYMMDD') < cutoff
  loop
    execute format('drop table public.%I', part.relname);
    dropped := dropped + 1;
  end loop;
  delete from public.request_exemplars
   where bucket < as_of - make_interval(days => settings.raw_retention_days);
  delete from public.telemetry_rollups
   where bucket < as_of - make_interval(days => settings.rollup_retention_days);
  return dropped;
end
$$;
