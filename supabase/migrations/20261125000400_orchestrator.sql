-- The deploy orchestrator: environments as data, the current state of each deployment, an
-- append-only hash-chained audit log (the runbook's deployment_audit), analysis verdicts,
-- feature flags, freezes and idempotency keys.

create table public.environments (
  name text primary key check (name ~ '^[a-z][a-z0-9_-]{0,49}$'),
  rank int not null,
  requires_approval boolean not null default false,
  requires_staging boolean not null default false,
  default_strategy text not null default 'direct' check (default_strategy in ('canary', 'direct')),
  default_steps jsonb not null default '[{"weight": 100, "pause_seconds": 0}]',
  thresholds jsonb not null default '{}',
  quality_gates jsonb not null default '{}',
  -- [{"days": [0..6] (0 = Sunday), "start": "HH:MM", "end": "HH:MM", "deployment_types": [...]}];
  -- an empty list means "any time"; a window naming types applies to those types only.
  change_windows jsonb not null default '[]',
  progress_deadline_seconds int not null default 3600 check (progress_deadline_seconds > 0),
  -- Run database-scalability's pre_deployment_check before a start; a fail refuses it.
  database_gate boolean not null default false,
  max_inconclusive_holds int not null default 10 check (max_inconclusive_holds >= 0)
);

-- The procedure documents' values: production needs approval and staging first, goes canary
-- 25 → 50 → 100 with 5-minute health validation, rolls back above 5 % errors, p95 over 200 % of
-- baseline or 2000 ms, health below 85, or 3 failed health checks; maintenance-type deployments
-- only in the Sunday 02:00–04:00 UTC window; ordinary ones any day.
insert into public.environments
  (name, rank, requires_approval, requires_staging, default_strategy, default_steps, thresholds,
   quality_gates, change_windows)
values
  ('development', 1, false, false, 'direct', '[{"weight": 100, "pause_seconds": 0}]', '{}', '{}', '[]'),
  ('staging', 2, false, false, 'direct', '[{"weight": 100, "pause_seconds": 0}]', '{}', '{}', '[]'),
  ('production', 3, true, true, 'canary',
   '[{"weight": 25, "pause_seconds": 300}, {"weight": 50, "pause_seconds": 300}, {"weight": 100, "pause_seconds": 0}]',
   '{"max_error_rate": 5, "max_p95_ms": 2000, "max_latency_ratio": 2.0, "min_health_score": 85, "max_failed_health_checks": 3, "min_samples": 50, "confidence_z": 3.72}',
   '{"code_coverage": {"min": 80}, "security_critical": {"max": 0}, "performance_p95_ms": {"max": 200}, "integration_pass_rate": {"min": 100}, "vulnerabilities_high": {"max": 0}}',
   '[{"days": [0], "start": "02:00", "end": "04:00", "deployment_types": ["maintenance"]}]');
update public.environments set database_gate = true where name = 'production';

create table public.deployment_freezes (
  id bigint generated always as identity primary key,
  environment text not null references public.environments (name),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  reason text not null,
  created_at timestamptz not null default now(),
  check (ends_at > starts_at)
);

create table public.deployments (
  deployment_id text primary key,
  environment text not null references public.environments (name),
  version text not null,
  deployment_type text not null default 'backend',
  strategy text not null check (strategy in ('canary', 'direct', 'external')),
  steps jsonb not null,
  traffic jsonb not null default '{"provider": "none"}',
  status text not null check (status in ('pending_approval', 'progressing', 'paused', 'succeeded', 'rolled_back', 'failed')),
  current_step int not null default 0,
  current_weight int not null default 0 check (current_weight between 0 and 100),
  git_commit_hash text,
  git_branch text,
  commit_time timestamptz,
  deployed_by text not null,
  approved_by text,
  approved_at timestamptz,
  hotfix_reason text,
  override_reason text,
  previous_version text,
  gate_evidence jsonb not null default '{}',
  inconclusive_holds int not null default 0,
  -- Bumped whenever the current step's timer is (re)armed; a timer job carrying an older value is stale.
  step_arm int not null default 0,
  step_started_at timestamptz,
  started_at timestamptz not null default now(),
  completed_at timestamptz,
  rollback_reason text,
  error_message text,
  updated_at timestamptz not null default now()
);
-- One active rollout per environment, whatever the concurrency. Deployments logged by other
-- tools are tracked but never block (their end may never be logged).
create unique index deployments_one_active on public.deployments (environment)
  where status in ('pending_approval', 'progressing', 'paused') and strategy <> 'external';
create index deployments_env_started on public.deployments (environment, started_at desc);
create index deployments_version on public.deployments (version, environment, status);

-- The runbook's table, every column, plus the event, its details and the hash chain.
create table public.deployment_audit (
  id bigint generated always as identity primary key,
  deployment_id varchar(255) not null,
  environment varchar(50) not null,
  deployment_type varchar(50) not null,
  git_commit_hash varchar(40),
  git_branch varchar(255),
  deployed_by varchar(255),
  deployment_status varchar(50) not null,
  started_at timestamptz not null,
  completed_at timestamptz,
  error_message text,
  rollback_reason text,
  health_check_results jsonb,
  performance_metrics jsonb,
  created_at timestamptz default now(),
  event text not null,
  source text not null default 'orchestrator' check (source in ('orchestrator', 'log_deployment')),
  details jsonb not null default '{}',
  prev_hash text not null,
  hash text not null
);
create index idx_deployment_audit_env_status on public.deployment_audit (environment, deployment_status);
create index idx_deployment_audit_timestamp on public.deployment_audit (started_at desc);
create index deployment_audit_deployment on public.deployment_audit (deployment_id, id);

-- What the chain hashes: every column but the hashes, in a fixed text form.
create function public.deployment_audit_digest_input(r public.deployment_audit) returns text
language sql immutable
set search_path = ''
as $$
  select concat_ws(E'\x1f',
    r.id::text, r.deployment_id, r.environment, r.deployment_type, coalesce(r.git_commit_hash, ''),
    coalesce(r.git_branch, ''), coalesce(r.deployed_by, ''), r.deployment_status,
    to_char(r.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
    coalesce(to_char(r.completed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), ''),
    coalesce(r.error_message, ''), coalesce(r.rollback_reason, ''),
    coalesce(r.health_check_results::text, ''), coalesce(r.performance_metrics::text, ''),
    coalesce(to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), ''),
    r.event, r.source, r.details::text, r.prev_hash)
$$;

create function public.deployment_audit_chain() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  -- Appends are serialised so each row links to the one committed before it.
  perform pg_advisory_xact_lock(hashtext('rollgate.deployment_audit.chain'));
  select coalesce((select a.hash from public.deployment_audit a order by a.id desc limit 1), repeat('0', 64))
    into new.prev_hash;
  new.created_at := coalesce(new.created_at, now());
  new.hash := encode(sha256(convert_to(public.deployment_audit_digest_input(new), 'UTF8')), 'hex');
  return new;
end
$$;

create trigger deployment_audit_chain before insert on public.deployment_audit
  for each row execute function public.deployment_audit_chain();

create function public.refuse_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'RG409';
end
$$;

create trigger deployment_audit_append_only before update or delete on public.deployment_audit
  for each row execute function public.refuse_change();
create trigger deployment_audit_no_truncate before truncate on public.deployment_audit
  for each statement execute function public.refuse_change();
-- The API roles could never change a row past RLS anyway; say so loudly instead of silently.
revoke update, delete, truncate on public.deployment_audit from anon, authenticated, service_role;

-- Walks the chain; returns the first row whose link or hash does not match (null when intact).
create function public.verify_deployment_audit()
returns table (broken_id bigint, reason text, checked bigint)
language sql stable
set search_path = ''
as $$
  with chain as (
    select a.id, a.hash, a.prev_hash,
           lag(a.hash, 1, repeat('0', 64)) over (order by a.id) as expected_prev,
           encode(sha256(convert_to(public.deployment_audit_digest_input(a), 'UTF8')), 'hex') as recomputed
      from public.deployment_audit a
  ), first_bad as (
    select id, case when prev_hash <> expected_prev then 'prev_hash does not link to the previous row'
                    else 'row content does not match its hash' end as reason
      from chain where prev_hash <> expected_prev or hash <> recomputed
     order by id limit 1
  )
  select (select id from first_bad), (select reason from first_bad), (select count(*) from chain)
$$;

create table public.analysis_runs (
  id bigint generated always as identity primary key,
  deployment_id text not null references public.deployments (deployment_id),
  step int not null,
  weight int not null,
  verdict text not null check (verdict in ('pass', 'fail', 'inconclusive')),
  trigger text not null check (trigger in ('step_timer', 'telemetry', 'manual')),
  reasons jsonb not null default '[]',
  evidence jsonb not null default '{}',
  decided_at timestamptz not null default now()
);
create index analysis_runs_deployment on public.analysis_runs (deployment_id, id);

-- The runbook's feature_flags, plus one flag per name and environment.
create table public.feature_flags (
  id serial primary key,
  name varchar(255) not null,
  enabled boolean default false,
  environment varchar(50) not null,
  rollout_percentage integer default 0 check (rollout_percentage between 0 and 100),
  user_criteria jsonb,
  created_at timestamp with time zone default now(),
  updated_at timestamp with time zone default now(),
  unique (name, environment)
);

create table public.idempotency_keys (
  key text not null,
  scope text not null,
  request_hash text not null,
  status int not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (scope, key)
);

alter table public.environments enable row level security;
alter table public.deployment_freezes enable row level security;
alter table public.deployments enable row level security;
alter table public.deployment_audit enable row level security;
alter table public.analysis_runs enable row level security;
alter table public.feature_flags enable row level security;
alter table public.idempotency_keys enable row level security;

-- Reads for signed-in users (the dashboard and CLI with a user key); every write goes through
-- the orchestrator (service connection). The audit log admits no UPDATE/DELETE for anyone.
create policy environments_read on public.environments for select to authenticated using (true);
create policy freezes_read on public.deployment_freezes for select to authenticated using (true);
create policy deployments_read on public.deployments for select to anon, authenticated using (true);
create policy deployment_audit_read on public.deployment_audit for select to authenticated using (true);
create policy analysis_runs_read on public.analysis_runs for select to authenticated using (true);
-- Apps evaluate flags with the anon key, as the runbook's FeatureFlags class does.
create policy feature_flags_read on public.feature_flags for select to anon, authenticated using (true);
