-- OTLP requests counted once per service: an app whose SDK exports both traces and the
-- `http.server.request.duration` histogram would otherwise count every request twice (a server
-- span and a histogram count), doubling the judge's sample sizes and so its confidence. The
-- histogram wins: it counts every request, while spans are often sampled. Each metrics ingest
-- records here the (environment, service.name) pairs it saw; the trace ingest makes no request
-- samples from the server spans of a pair seen in the last hour (their errors still count).
-- Only the functions' service connection reads or writes this table (RLS on, no policy, no
-- grant); pairs not seen for two days are pruned by the ingest itself.
create table public.otlp_metric_services (
  environment text not null,
  service text not null,
  seen_at timestamptz not null default now(),
  primary key (environment, service)
);
alter table public.otlp_metric_services enable row level security;
revoke all on public.otlp_metric_services from public;
do $$
declare
  api_role text;
begin
  for api_role in select rolname from pg_roles where rolname in ('anon', 'authenticated') loop
    execute format('revoke all on public.otlp_metric_services from %I', api_role);
  end loop;
end
$$;
