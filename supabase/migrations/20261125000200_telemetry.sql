-- Telemetry: raw request samples and error events in daily partitions, per-minute and per-hour
-- rollups maintained in the ingest transaction, and error issues grouped by fingerprint.
-- A window query reads rollup rows (one per bucket per series), never raw events.

-- Latency histogram: bucket 0 holds [0, 1) ms; bucket i >= 1 holds [1.05^(i-1), 1.05^i) ms;
-- the last bucket also takes everything above. 260 buckets reach past 5 minutes, and a
-- percentile read from a bucket's geometric middle is within 2.5 % of the true value.
create function public.telemetry_hist_add(a int[], b int[]) returns int[]
language sql immutable parallel safe
set search_path = ''
as $$
  select coalesce(array_agg(coalesce(x, 0) + coalesce(y, 0) order by i), '{}')
    from unnest(a, b) with ordinality as t(x, y, i)
$$;

create aggregate public.telemetry_hist_sum(int[]) (
  sfunc = public.telemetry_hist_add,
  stype = int[],
  initcond = '{}',
  parallel = safe
);

create table public.telemetry_settings (
  id boolean primary key default true check (id),
  raw_retention_days int not null default 7 check (raw_retention_days between 1 and 90),
  rollup_retention_days int not null default 90 check (rollup_retention_days between 1 and 3650),
  max_clock_skew_seconds int not null default 300 check (max_clock_skew_seconds between 0 and 3600)
);
insert into public.telemetry_settings default values;

create table public.request_samples (
  occurred_at timestamptz not null,
  duration_ms double precision not null,
  status smallint not null,
  route text not null default '',
  environment text not null default '',
  release text not null default '',
  deployment_id text not null default '',
  variant text not null default ''
) partition by range (occurred_at);

create table public.error_events (
  occurred_at timestamptz not null,
  issue_id bigint not null,
  fingerprint text not null,
  error_message text not null,
  component text not null,
  severity text not null,
  environment text not null default '',
  release text not null default '',
  deployment_id text not null default '',
  variant text not null default '',
  stack text,
  metadata jsonb not null default '{}'
) partition by range (occurred_at);

-- One row per (bucket, series). Every sample is counted in three scopes, each a complete
-- partition of the traffic, so a query reads only the scope its filters need:
--   env        (environment)                          totals, the scripts' default question
--   deployment (environment, deployment_id, variant)  canary against stable
--   route      (environment, route)                   the per-route report
-- Empty string stands for "not given" so the key is total.
create table public.telemetry_rollups (
  resolution text not null check (resolution in ('minute', 'hour')),
  scope text not null check (scope in ('env', 'deployment', 'route')),
  bucket timestamptz not null,
  environment text not null default '',
  deployment_id text not null default '',
  variant text not null default '',
  route text not null default '',
  requests bigint not null default 0,
  failed bigint not null default 0,
  error_events bigint not null default 0,
  duration_sum double precision not null default 0,
  duration_max double precision not null default 0,
  hist int[] not null default '{}',
  primary key (resolution, scope, bucket, environment, deployment_id, variant, route)
);
create index telemetry_rollups_deployment
  on public.telemetry_rollups (deployment_id, resolution, bucket)
  where scope = 'deployment' and deployment_id <> '';

create table public.error_issues (
  id bigint generated always as identity primary key,
  fingerprint text not null unique,
  title text not null,
  component text not null,
  severity text not null,
  status text not null default 'unresolved' check (status in ('unresolved', 'resolved', 'ignored')),
  event_count bigint not null default 0,
  first_seen timestamptz not null,
  last_seen timestamptz not null,
  last_release text not null default '',
  regression_count int not null default 0,
  regressed_at timestamptz,
  resolved_at timestamptz,
  updated_at timestamptz not null default now()
);
create index error_issues_status_last_seen on public.error_issues (status, last_seen desc);

-- Daily partitions, created on demand by ingest and ahead of time by maintenance.
create function public.telemetry_ensure_partition(parent text, day date) returns void
language plpgsql
set search_path = ''
as $$
declare
  name text := format('%s_%s', parent, to_char(day, 'YYYYMMDD'));
begin
  if to_regclass(format('public.%I', name)) is not null then
    return;
  end if;
  perform pg_advisory_xact_lock(hashtext('rollgate.partition.' || name));
  if to_regclass(format('public.%I', name)) is not null then
    return;
  end if;
  execute format(
    'create table public.%I partition of public.%I for values from (%L) to (%L)',
    name, parent, day::timestamptz, (day + 1)::timestamptz
  );
  execute format('alter table public.%I enable row level security', name);
end
$$;

-- Drops raw partitions and rollups past their retention; returns how many partitions went.
create function public.telemetry_apply_retention(as_of timestamptz default now()) returns int
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
  delete from public.telemetry_rollups
   where bucket < as_of - make_interval(days => settings.rollup_retention_days);
  return dropped;
end
$$;

alter table public.telemetry_settings enable row level security;
alter table public.request_samples enable row level security;
alter table public.error_events enable row level security;
alter table public.telemetry_rollups enable row level security;
alter table public.error_issues enable row level security;

-- Aggregates are what dashboards read; raw events may carry personal data and stay private.
create policy telemetry_rollups_read on public.telemetry_rollups
  for select to anon, authenticated using (true);
create policy error_issues_read on public.error_issues
  for select to authenticated using (true);
