-- The sequential canary judge (issue 13).
--
-- Critical and fatal error events per rollup bucket, so the judge reads them with the rest of a
-- deployment's evidence (adding a column with a constant default rewrites nothing).
alter table public.telemetry_rollups add column critical_events bigint not null default 0;

-- Step bookkeeping the judge needs, kept exact by the deployment's row lock:
--   step_canary_requests  canary requests that arrived since the current step began (by commit
--                         order, not by timestamp: a batch counts for exactly one step)
--   paused_at             when the rollout was paused (null unless paused)
--   step_paused_seconds   time the current step spent paused, so resume waits only what is left
--   analysis              the deployment's analysis spec (null: the environment's defaults)
alter table public.deployments
  add column step_canary_requests bigint not null default 0,
  add column paused_at timestamptz,
  add column step_paused_seconds int not null default 0,
  add column analysis jsonb;

-- Monitoring targets belong to an environment; only incidents on the deployment's environment's
-- targets count against its canary. A target without one is never blamed on a rollout.
alter table public.monitoring_targets add column environment text;
create index incidents_opened on public.incidents (opened_at);

-- The sequential judge's defaults for production (the seed documents' numbers, documented in
-- docs/deploy-orchestrator.md): α bounds the false-rollback probability of a whole rollout.
update public.environments
   set thresholds = thresholds || '{"alpha": 0.005, "error_rate_margin": 0.5, "latency_margin": 5, "critical_margin": 0.5, "bake_seconds": 600}'::jsonb
 where name = 'production';
