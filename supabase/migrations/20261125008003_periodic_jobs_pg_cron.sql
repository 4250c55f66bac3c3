-- Rollgate's periodic jobs (shared/jobs/periodic-jobs.ts) on pg_cron where the extension exists
-- (hosted Supabase, the PostgreSQL 15 parity cluster); elsewhere pg-boss schedules the same names.
-- Job names are `rollgate-<queue name>`: a stack that finds one in cron.job leaves that schedule
-- to pg_cron. SQL-only work runs in the database itself; work that needs the functions' code
-- (synthetic probes over HTTP, alert evaluation) is announced on channel `rollgate_jobs`, which
-- the local stack relays to its queue. GDPR retention schedules itself (20261125003006).
do $$
begin
  if exists (select 1 from pg_extension where extname = 'pg_cron') then
    perform cron.schedule('rollgate-telemetry-retention', '17 3 * * *',
                          $cmd$select public.telemetry_apply_retention()$cmd$);
    perform cron.schedule('rollgate-run-monitoring', '* * * * *',
                          $cmd$select pg_notify('rollgate_jobs', 'run-monitoring')$cmd$);
    perform cron.schedule('rollgate-check-alerts', '* * * * *',
                          $cmd$select pg_notify('rollgate_jobs', 'check-alerts')$cmd$);
  end if;
end
$$;
