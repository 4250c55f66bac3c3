-- Row-level security, by behaviour: with a row in the sensitive tables, anon and a signed-in user
-- (request.jwt.claims as PostgREST sets them) read only what a policy grants, see only their own
-- GDPR rows, and can insert, update, delete or truncate nothing in any public table.
begin;
set local search_path = public, extensions;

-- What a caller is, as PostgREST would set it for the request.
create function pg_temp.become(role text) returns void
language plpgsql as $$
begin
  execute format('set local role %I', role);
  perform set_config('request.jwt.claims', case role
    when 'authenticated' then '{"role": "authenticated", "sub": "00000000-0000-4000-8000-00000000000a"}'
    else json_build_object('role', role)::text end, true);
end
$$;

-- Rows `statement` run as `role` changed or read (0 when RLS hides every row), or -1 when refused.
create function pg_temp.changed_by(role text, statement text) returns bigint
language plpgsql as $$
declare n bigint;
begin
  begin
    perform pg_temp.become(role);
    execute statement;
    get diagnostics n = row_count;
  exception when insufficient_privilege then
    n := -1;
  end;
  reset role;
  return n;
end
$$;

-- Rows `role` sees in `tbl` (a select's row count), or -1 when it may not even look.
create function pg_temp.visible_to(role text, tbl text) returns bigint
language sql as $$ select pg_temp.changed_by(role, format('select from public.%I', tbl)) $$;

create temp table api_role (name text primary key, readable text[]) on commit drop;
insert into api_role values
  ('anon', array['deployments', 'feature_flags', 'incidents', 'monitoring_probes',
                 'telemetry_rollups']),
  ('authenticated', array['alert_events', 'alert_rules', 'analysis_runs', 'deployment_audit',
                          'deployment_freezes', 'deployments', 'environments', 'error_issues',
                          'feature_flags', 'gdpr_consent_events', 'gdpr_requests', 'incidents',
                          'monitoring_probes', 'notification_outbox', 'telemetry_rollups']);
grant select on api_role to public;

-- One row (at least) in every table that holds something worth hiding, as the owner.
insert into public.deployments (deployment_id, environment, version, strategy, steps, status, deployed_by)
values ('rls-probe', 'staging', 'v-rls', 'direct', '[]', 'succeeded', 'alice');
insert into public.deployment_audit (deployment_id, environment, deployment_type, deployment_status, started_at, event)
values ('rls-probe', 'staging', 'backend', 'succeeded', now(), 'succeeded');
select public.telemetry_ensure_partition('request_samples', current_date);
insert into public.request_samples (occurred_at, duration_ms, status) values (now(), 12, 200);
insert into public.error_issues (fingerprint, title, component, severity, first_seen, last_seen)
values ('fp-rls', 'boom', 'api', 'error', now(), now());
select public.telemetry_ensure_partition('error_events', current_date);
insert into public.error_events (occurred_at, issue_id, fingerprint, error_message, component, severity)
select now(), id, 'fp-rls', 'boom for user@example.com', 'api', 'error' from public.error_issues where fingerprint = 'fp-rls';
insert into public.idempotency_keys (key, scope, request_hash, status, response)
values ('k', 'rls', 'h', 200, '{}');
insert into public.monitoring_targets (name, url) values ('private', 'https://internal.example/health?token=s3cret');
insert into public.alert_rules (name, metric, threshold, time_window) values ('rls', 'error_rate', 5, '5m');
insert into public.feature_flags (name, environment) values ('rls-flag', 'staging');
insert into public.gdpr_requests (type, subject_id, received_at, due_at)
values ('access', '00000000-0000-4000-8000-00000000000a', now(), now() + interval '1 month'),
       ('erasure', '00000000-0000-4000-8000-00000000000b', now(), now() + interval '1 month');
insert into public.gdpr_consent_events (subject_id, purpose, granted, notice_version, source)
values ('00000000-0000-4000-8000-00000000000a', 'analytics', true, 'v1', 'test'),
       ('00000000-0000-4000-8000-00000000000b', 'analytics', true, 'v1', 'test');
insert into public.gdpr_legal_holds (subject_id, reason) values ('00000000-0000-4000-8000-00000000000b', 'litigation');
insert into public.gdpr_breaches (aware_at, description, subjects_affected, records_affected, categories, notification_due_at)
values (now(), 'laptop lost', 1, 1, '{contact}', now() + interval '72 hours');

create temp table public_table on commit drop as
  select c.relname::text as name,
         (select a.attname::text from pg_attribute a
           where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attidentity = ''
           order by a.attnum limit 1) as first_column
    from pg_class c
   where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p');
grant select on public_table to public;

select plan((select count(*)::int * 8 from public_table) + 4);

-- Reads: a readable table shows its rows, any other shows none (or refuses to be read).
select ok(
  case when t.name = any (r.readable) and t.name not like 'gdpr\_%'
       then pg_temp.visible_to(r.name, t.name) = pg_temp.visible_to('postgres', t.name)
       when t.name = any (r.readable) then true
       else pg_temp.visible_to(r.name, t.name) <= 0 end,
  format('%s %s %s', r.name, case when t.name = any (r.readable) then 'reads' else 'cannot read' end, t.name))
  from api_role r cross join public_table t order by r.name, t.name;

select is(pg_temp.visible_to('authenticated', 'gdpr_requests'), 1::bigint,
  'a signed-in user sees their own data-subject request and not the other subject''s');
select is(pg_temp.visible_to('authenticated', 'gdpr_consent_events'), 1::bigint,
  'a signed-in user sees their own consent history only');
select is(pg_temp.visible_to('anon', 'gdpr_requests'), -1::bigint,
  'anon cannot read data-subject requests at all');

-- Writes: nothing anywhere, whatever the table.
select ok(pg_temp.changed_by(r.name, format('update public.%I set %I = %I', t.name, t.first_column, t.first_column)) <= 0,
          format('%s cannot update %s', r.name, t.name))
  from api_role r cross join public_table t order by r.name, t.name;
select ok(pg_temp.changed_by(r.name, format('delete from public.%I', t.name)) <= 0,
          format('%s cannot delete from %s', r.name, t.name))
  from api_role r cross join public_table t order by r.name, t.name;
select ok(pg_temp.changed_by(r.name, format('truncate public.%I cascade', t.name)) = -1,
          format('%s cannot truncate %s', r.name, t.name))
  from api_role r cross join public_table t order by r.name, t.name;

select is(
  pg_temp.changed_by('anon', $$insert into public.deployments (deployment_id, environment, version, strategy, steps, status, deployed_by)
    values ('forged', 'production', 'v-evil', 'direct', '[]', 'succeeded', 'mallory')$$),
  -1::bigint, 'anon cannot insert a deployment');

select * from finish();
rollback;
