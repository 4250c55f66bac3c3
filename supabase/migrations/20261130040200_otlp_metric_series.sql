-- OTLP metrics (issue 14): OpenTelemetry SDKs export histograms CUMULATIVE by default — each
-- export carries every request since the process started. Rollgate's rollups take deltas, so
-- the last cumulative point of every series (resource, scope, metric and data-point attributes,
-- hashed) is kept here and each export adds only its difference. A new start time, changed
-- bucket bounds or a count going down is a restart: the point counts whole. Only the functions'
-- service connection reads or writes this table (RLS on, no policy, no grant); series not seen
-- for two days are pruned by the ingest itself.
create table public.otlp_metric_series (
  series_key text primary key check (series_key ~ '^[0-9a-f]{64}$'),
  start_time_unix_nano numeric(20) not null,
  time_unix_nano numeric(20) not null,
  count bigint not null,
  sum double precision not null,
  bucket_counts bigint[] not null,
  explicit_bounds double precision[] not null,
  updated_at timestamptz not null default now()
);
create index otlp_metric_series_updated on public.otlp_metric_series (updated_at);
alter table public.otlp_metric_series enable row level security;
revoke all on public.otlp_metric_series from public;
do $$
begin
  if exists (select 1 from pg_roles where rolname = 'anon') then
    revoke all on public.otlp_metric_series from anon, authenticated;
  end if;
end
$$;
