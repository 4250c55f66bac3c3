-- The queue of the scheduled job `audit-checkpoint` (shared/jobs/registry.ts), worked by the
-- local stack; on hosted Supabase pg_cron calls deploy-orchestrator `audit_checkpoint` instead.
select pgboss.create_queue('audit-checkpoint', json_build_object('policy', 'singleton'));
do $$
declare
  t record;
begin
  for t in select format('%I.%I', schemaname, tablename) as name
             from pg_tables where schemaname = 'pgboss' and not rowsecurity loop
    execute format('alter table %s enable row level security', t.name);
  end loop;
  if exists (select 1 from pg_roles where rolname = 'anon') then
    revoke all on all tables in schema pgboss from anon, authenticated;
  end if;
end
$$;
