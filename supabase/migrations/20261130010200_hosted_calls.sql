-- How the database itself calls Rollgate's functions on hosted Supabase, where no Rollgate process
-- runs: pg_cron's schedules and the deployment_audit webhook go through pg_net (`net.http_post`)
-- with a credential that only the database owner can read. `rollgate setup` stores the functions'
-- URL here and the credential in Supabase Vault where it exists (else in this owner-only table),
-- then creates the schedules from the job registry (shared/jobs/registry.ts).

create schema if not exists rollgate_private;
revoke all on schema rollgate_private from public;

create table if not exists rollgate_private.settings (
  name text primary key,
  value text not null,
  updated_at timestamptz not null default now()
);
-- Owner only: no policy, no grant. RLS on as on every table (service_role has no grant here).
alter table rollgate_private.settings enable row level security;
revoke all on rollgate_private.settings from public;
do $$
begin
  if exists (select 1 from pg_roles where rolname = 'anon') then
    revoke all on schema rollgate_private from anon, authenticated, service_role;
    revoke all on rollgate_private.settings from anon, authenticated, service_role;
  end if;
end
$$;

-- The credential: Vault's secret `rollgate_service_key` where Vault is installed, else the table.
create or replace function rollgate_private.credential() returns text
language plpgsql
stable
set search_path = ''
as $$
declare
  found text;
begin
  if to_regclass('vault.decrypted_secrets') is not null then
    execute 'select decrypted_secret from vault.decrypted_secrets where name = $1 limit 1'
      into found using 'rollgate_service_key';
    if found is not null then
      return found;
    end if;
  end if;
  select value into found from rollgate_private.settings where name = 'service_key';
  return found;
end
$$;

-- True once `rollgate setup` has stored where the functions are and how to call them.
create or replace function rollgate_private.configured() returns boolean
language sql
stable
set search_path = ''
as $$
  select exists (select 1 from rollgate_private.settings where name = 'functions_url')
     and to_regprocedure('net.http_post(text,jsonb,jsonb,jsonb,integer)') is not null
$$;

-- POSTs `body` to <functions_url>/<fn> with the stored credential; returns pg_net's request id.
create or replace function rollgate_private.invoke(fn text, body jsonb, timeout_ms integer default 5000)
returns bigint
language plpgsql
set search_path = ''
as $$
declare
  base text;
  key text := rollgate_private.credential();
  request_id bigint;
begin
  select value into base from rollgate_private.settings where name = 'functions_url';
  if base is null or key is null then
    raise exception 'rollgate: no functions URL or credential stored; run `rollgate setup`'
      using errcode = 'RG412';
  end if;
  execute 'select net.http_post(url := $1, body := $2, headers := $3, timeout_milliseconds := $4)'
    into request_id
    using base || '/' || fn, body,
          jsonb_build_object('Content-Type', 'application/json',
                             'Authorization', 'Bearer ' || key, 'apikey', key),
          timeout_ms;
  return request_id;
end
$$;

revoke all on all functions in schema rollgate_private from public;

-- The deployment_audit webhook: Supabase's payload {type, table, schema, record, old_record}.
-- Once set up, the database posts it itself through pg_net (what Supabase's Database Webhooks
-- do, but with the credential read from Vault at call time instead of stored in the trigger's
-- arguments, where any login could read it in pg_trigger). Before that (the local stack), it is
-- announced on channel `rollgate_webhook` and the stack relays it. SECURITY DEFINER (owner:
-- the migrations' role) so that any writer's insert can read the stored credential; it lives in
-- rollgate_private, where no API role may call it.
create or replace function rollgate_private.deployment_audit_webhook() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  body jsonb := jsonb_build_object(
    'type', tg_op, 'table', tg_table_name, 'schema', tg_table_schema,
    'record', to_jsonb(new), 'old_record', null);
  payload text := body::text;
begin
  if rollgate_private.configured() then
    perform rollgate_private.invoke('deploy-orchestrator', body);
    return null;
  end if;
  -- NOTIFY payloads stop at 8000 bytes: a large row is announced by id and read by the relay.
  if octet_length(payload) > 7900 then
    payload := jsonb_build_object('type', tg_op, 'table', tg_table_name, 'schema', tg_table_schema,
                                  'record_id', new.id, 'truncated', true)::text;
  end if;
  perform pg_notify('rollgate_webhook', payload);
  return null;
end
$$;
revoke all on function rollgate_private.deployment_audit_webhook() from public;

-- A project that called the old rollgate_use_supabase_webhook() has the service key in its
-- trigger's arguments: put the trigger back on the function above, and drop the old way.
drop trigger if exists deployment_audit_webhook on public.deployment_audit;
create trigger deployment_audit_webhook after insert on public.deployment_audit
  for each row execute function rollgate_private.deployment_audit_webhook();
drop function if exists public.rollgate_use_supabase_webhook(text, text);
drop function if exists public.deployment_audit_notify();

-- The schedules earlier migrations made (pg_notify to a process hosted does not have, and
-- cron expressions written a second time): `rollgate setup` now creates them from the registry.
do $$
declare
  job text;
begin
  if exists (select 1 from pg_extension where extname = 'pg_cron') then
    for job in select jobname from cron.job
                where jobname in ('rollgate-telemetry-retention', 'rollgate-run-monitoring',
                                  'rollgate-check-alerts', 'rollgate-gdpr-retention') loop
      perform cron.unschedule(job);
    end loop;
  end if;
end
$$;
