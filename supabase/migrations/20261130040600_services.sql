-- Services (issue 13, item 5): a deployment belongs to a service — one Edge Function, the
-- frontend, a worker — so a team can roll out several at once. One active rollout per environment
-- *and service*; the version to return to, "superseded", staging-first and the DORA figures are
-- per service. Existing rows and callers that name no service get 'default', so the runbook's
-- scripts keep working unchanged.
set lock_timeout = '5s';
set statement_timeout = '1min';

-- The check scans the table under its lock: one row per rollout, all holding 'default'.
alter table public.deployments
  add column service text not null default 'default'
    constraint deployments_service_name check (service ~ '^[a-z0-9][a-z0-9._-]{0,62}$');

-- Plain (not concurrent) index changes: deployments holds one row per rollout (thousands at
-- most), and the swap of the two indexes must be atomic.
-- rollgate-lint-ignore require-concurrent-index-deletion: see above; the index is on deployments
drop index public.deployments_one_active;
create unique index deployments_one_active on public.deployments (environment, service)
  where status in ('pending_approval', 'progressing', 'paused') and strategy <> 'external';
create index deployments_service_started on public.deployments (environment, service, started_at desc);

-- A synthetic-monitoring target may watch one service; without one it watches every service of
-- its environment, and its incidents count against any of their rollouts.
-- Null in every row of a handful of targets: the check's scan is instant.
alter table public.monitoring_targets
  add column service text
    constraint monitoring_targets_service_name check (service ~ '^[a-z0-9][a-z0-9._-]{0,62}$');
