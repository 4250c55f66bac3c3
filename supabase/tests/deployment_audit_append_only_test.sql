-- deployment_audit is append-only for every role: UPDATE, DELETE and TRUNCATE are refused for
-- anon, authenticated, service_role and the owner itself (the triggers do not yield to BYPASSRLS).
begin;
set local search_path = public, extensions;
select plan(16);

insert into public.deployment_audit
  (deployment_id, environment, deployment_type, deployment_status, started_at, event)
values ('audit-probe', 'staging', 'backend', 'succeeded', now(), 'succeeded');

-- Runs one statement as `role` and returns its SQLSTATE, or 'ok' when it went through.
create function pg_temp.outcome_as(role text, statement text) returns text
language plpgsql as $$
begin
  if role <> 'owner' then
    execute format('set local role %I', role);
    perform set_config('request.jwt.claims', json_build_object('role', role)::text, true);
  end if;
  begin
    execute statement;
  exception when others then
    reset role;
    return sqlstate;
  end;
  reset role;
  return 'ok';
end
$$;

select is(pg_temp.outcome_as(r, s), e, format('%s: %s is refused (%s)', r, split_part(s, ' ', 1), e))
  from (values ('anon', '42501'), ('authenticated', '42501'), ('service_role', '42501'),
               ('owner', 'RG409')) as roles (r, e)
  cross join (values
    ($$update public.deployment_audit set deployed_by = 'mallory' where deployment_id = 'audit-probe'$$),
    ($$delete from public.deployment_audit where deployment_id = 'audit-probe'$$),
    ($$truncate public.deployment_audit$$)) as statements (s);

select is(
  pg_temp.outcome_as('anon', $$insert into public.deployment_audit
    (deployment_id, environment, deployment_type, deployment_status, started_at, event)
    values ('forged', 'production', 'backend', 'succeeded', now(), 'succeeded')$$),
  '42501', 'anon cannot append to the audit log');
select is(
  pg_temp.outcome_as('authenticated', $$insert into public.deployment_audit
    (deployment_id, environment, deployment_type, deployment_status, started_at, event)
    values ('forged', 'production', 'backend', 'succeeded', now(), 'succeeded')$$),
  '42501', 'authenticated cannot append to the audit log');

select is(
  (select count(*)::int from public.deployment_audit where deployment_id = 'audit-probe'),
  1, 'the probe row is still there, unchanged in number');
select is(
  (select deployed_by from public.deployment_audit where deployment_id = 'audit-probe'),
  null, 'and unchanged in content');

select * from finish();
rollback;
