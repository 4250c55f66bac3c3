-- Row-level security, from the catalog: RLS on every public table, the exact set of tables each
-- API role may read, and no policy, privilege or SECURITY DEFINER function that lets anon or
-- authenticated write. Run by pg_prove (.ci/parity) and by vitest (tests/reliability/pgtap.test.ts).
-- pgTAP is installed beforehand in schema `extensions`, as on Supabase.
begin;
set local search_path = public, extensions;
select plan(7);

select is_empty(
  $$ select c.relname::text from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
        and not c.relrowsecurity $$,
  'every public table (partitions included) has row-level security enabled'
);

select set_eq(
  $$ select distinct tablename::text from pg_policies
      where schemaname = 'public' and cmd in ('SELECT', 'ALL')
        and roles && '{anon,public}'::name[] $$,
  array['deployments', 'feature_flags', 'incidents', 'monitoring_probes', 'telemetry_rollups'],
  'anon may read exactly: deployments, feature flags, incidents, probes and telemetry rollups'
);

select set_eq(
  $$ select distinct tablename::text from pg_policies
      where schemaname = 'public' and cmd in ('SELECT', 'ALL')
        and roles && '{authenticated,public}'::name[] $$,
  array['alert_events', 'alert_rules', 'analysis_runs', 'deployment_audit', 'deployment_freezes',
        'deployments', 'environments', 'error_issues', 'feature_flags', 'gdpr_consent_events',
        'gdpr_requests', 'incidents', 'monitoring_probes', 'notification_outbox',
        'telemetry_rollups'],
  'authenticated may read exactly the operational tables and its own GDPR rows'
);

select is_empty(
  $$ select tablename || ' ' || policyname from pg_policies
      where schemaname = 'public' and cmd <> 'SELECT'
        and roles && '{anon,authenticated,public}'::name[] $$,
  'no policy lets anon or authenticated insert, update or delete'
);

select set_eq(
  $$ select tablename || ': ' || coalesce(qual, '') from pg_policies
      where schemaname = 'public' and tablename like 'gdpr\_%' $$,
  array['gdpr_consent_events: (subject_id = (( SELECT auth.uid() AS uid))::text)',
        'gdpr_requests: (subject_id = (( SELECT auth.uid() AS uid))::text)'],
  'personal data is readable only by its own subject'
);

-- RLS does not govern TRUNCATE, REFERENCES or TRIGGER: the API roles must not hold them at all.
select is_empty(
  $$ select c.relname || ' ' || r.rolname || ' ' || p.privilege
       from pg_class c
       cross join (values ('anon'), ('authenticated')) as r (rolname)
       cross join (values ('TRUNCATE'), ('REFERENCES'), ('TRIGGER')) as p (privilege)
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
        and has_table_privilege(r.rolname, c.oid, p.privilege) $$,
  'anon and authenticated hold no TRUNCATE, REFERENCES or TRIGGER privilege on any table'
);

select is_empty(
  $$ select p.proname::text from pg_proc p
      where p.pronamespace = 'public'::regnamespace and p.prosecdef
        and (has_function_privilege('anon', p.oid, 'execute')
             or has_function_privilege('authenticated', p.oid, 'execute')) $$,
  'no SECURITY DEFINER function (which would bypass RLS) is executable by anon or authenticated'
);

select * from finish();
rollback;
