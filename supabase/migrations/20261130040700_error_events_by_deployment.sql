-- Custom metrics count a deployment's error events per variant since it started
-- (shared/sql/judge-evidence.ts selectCustomEventCounts).
create index if not exists error_events_deployment
  on public.error_events (deployment_id, variant, occurred_at);
