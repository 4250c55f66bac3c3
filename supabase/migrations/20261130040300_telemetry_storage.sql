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
-- slowest requests and as many of its first failed ones, each a compact array
-- [epoch ms, duration ms, status, route, release, trace id]. Ingest pre-selects a batch's own
-- top N per row, and the upsert keeps the top N of old and new: the row never grows.
create table public.request_exemplars (
  bucket timestamptz not null,
  environment text not null default '',
  deployment_id text not null default '',
  variant text not null default '',
  slowest jsonb not null default '[]',
  failed jsonb not null default '[]',
  primary key (bucket, environment, deployment_id, variant)
);
alter table public.request_exemplars enable row level security;
-- Routes and trace ids are request details (a route can carry personal data): no policy, the
-- functions' service connection reads them for callers with the `view` permission.

-- Histograms are stored trimmed: a rollup row is mostly its histogram, whose buckets below the
-- fastest request seen are zeros (a service answering in 20 ms or more leaves the first 62 of
-- them empty). The stored array starts at its first non-empty bucket — its lower bound says
-- which (subscript i is still bucket i - 1) — and readers expand it with telemetry_hist_dense.
create function public.telemetry_hist_dense(h int[]) returns int[]
language sql immutable parallel safe
set search_path = ''
as $$
  select case when coalesce(array_lower(h, 1), 1) <= 1 then coalesce(h, '{}')
              else array_fill(0, array[array_lower(h, 1) - 1]) || h end
$$;

create function public.telemetry_hist_trim(h int[]) returns int[]
language sql immutable parallel safe
set search_path = ''
as $$
  select case when first is null then '{}'::int[]
              when first = 1 then h
              else format('[%s:%s]=%s', first, array_upper(h, 1), h[first:]::text)::int[] end
    from (select min(i) as first from generate_subscripts(h, 1) i where h[i] <> 0) f
$$;

-- The sum of two histograms, whatever their lower bounds, as a dense (1-based) array.
create or replace function public.telemetry_hist_add(a int[], b int[]) returns int[]
language sql immutable parallel safe
set search_path = ''
as $$
  select coalesce(array_agg(coalesce(a[i], 0) + coalesce(b[i], 0) order by i), '{}')
    from generate_series(1, greatest(coalesce(array_upper(a, 1), 0), coalesce(array_upper(b, 1), 0))) i
$$;

update public.telemetry_rollups set hist = public.telemetry_hist_trim(hist);

-- The top `n` of two exemplar lists: the slowest by duration, the failed by time (the first
-- ones of the minute); ties broken by time, route and status so every writer keeps the same ones.
create function public.telemetry_exemplars_keep(kept jsonb, added jsonb, kind text, n int)
returns jsonb
language sql immutable parallel safe
set search_path = ''
as $$
  select coalesce(jsonb_agg(e order by o), '[]'::jsonb)
    from (
      select e, row_number() over (
               order by case when kind = 'slowest' then -(e->>1)::float8 end nulls last,
                        (e->>0)::float8, e->>3, (e->>2)::int) as o
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
