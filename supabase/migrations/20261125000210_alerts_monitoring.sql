-- Alert rules over the telemetry rollups, synthetic monitoring probes, and incidents.

create table public.alert_rules (
  id bigint generated always as identity primary key,
  name text not null unique check (length(name) between 1 and 100),
  metric text not null check (metric in (
    'error_rate', 'error_events', 'avg_response_time', 'p95_response_time', 'p99_response_time',
    'requests_per_second')),
  comparison text not null default 'above' check (comparison in ('above', 'below')),
  threshold double precision not null,
  time_window text not null,
  environment text,
  severity text not null default 'warning' check (severity in ('info', 'warning', 'critical')),
  enabled boolean not null default true,
  -- Crossing state: a rule fires once when it crosses and resolves once when it crosses back.
  firing boolean not null default false,
  last_value double precision,
  last_evaluated_at timestamptz,
  fired_at timestamptz,
  resolved_at timestamptz,
  created_at timestamptz not null default now()
);

create table public.alert_events (
  id bigint generated always as identity primary key,
  rule_id bigint not null references public.alert_rules (id) on delete cascade,
  kind text not null check (kind in ('fired', 'resolved')),
  value double precision not null,
  threshold double precision not null,
  occurred_at timestamptz not null default now()
);
create index alert_events_rule on public.alert_events (rule_id, occurred_at desc);

create table public.monitoring_targets (
  id bigint generated always as identity primary key,
  name text not null unique check (length(name) between 1 and 100),
  url text not null check (url ~ '^https?://'),
  expected_status int not null default 200 check (expected_status between 100 and 599),
  enabled boolean not null default true,
  created_at timestamptz not null default now()
);

create table public.monitoring_probes (
  id bigint generated always as identity primary key,
  target text not null,
  ok boolean not null,
  status int,
  latency_ms double precision not null,
  error text,
  probed_at timestamptz not null default now()
);
create index monitoring_probes_target on public.monitoring_probes (target, probed_at desc);

create table public.incidents (
  id bigint generated always as identity primary key,
  target text not null,
  reason text not null,
  opened_at timestamptz not null default now(),
  resolved_at timestamptz
);
-- At most one open incident per target, whatever the concurrency.
create unique index incidents_one_open on public.incidents (target) where resolved_at is null;

alter table public.alert_rules enable row level security;
alter table public.alert_events enable row level security;
alter table public.monitoring_targets enable row level security;
alter table public.monitoring_probes enable row level security;
alter table public.incidents enable row level security;

create policy alert_rules_read on public.alert_rules for select to authenticated using (true);
create policy alert_events_read on public.alert_events for select to authenticated using (true);
create policy monitoring_probes_read on public.monitoring_probes for select to anon, authenticated using (true);
create policy incidents_read on public.incidents for select to anon, authenticated using (true);
