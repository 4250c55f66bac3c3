-- A database webhook on deployment_audit INSERT, with Supabase's payload
-- {type, table, schema, record, old_record}. By default the row is announced with pg_notify on
-- channel `rollgate_webhook` and the local stack relays it over HTTP to deploy-orchestrator; on
-- hosted Supabase, rollgate_use_supabase_webhook() swaps in supabase_functions.http_request, the
-- trigger Supabase's Database Webhooks use. The function cannot tell the two apart.

create function public.deployment_audit_notify() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  payload text := jsonb_build_object(
    'type', tg_op, 'table', tg_table_name, 'schema', tg_table_schema,
    'record', to_jsonb(new), 'old_record', null)::text;
begin
  -- NOTIFY payloads stop at 8000 bytes: a large row is announced by id and read by the relay.
  if octet_length(payload) > 7900 then
    payload := jsonb_build_object('type', tg_op, 'table', tg_table_name, 'schema', tg_table_schema,
                                  'record_id', new.id, 'truncated', true)::text;
  end if;
  perform pg_notify('rollgate_webhook', payload);
  return null;
end
$$;

create trigger deployment_audit_webhook after insert on public.deployment_audit
  for each row execute function public.deployment_audit_notify();

-- On hosted Supabase: call once with the function URL and 'Bearer <service_role key>'.
create function public.rollgate_use_supabase_webhook(url text, auth_header text) returns void
language plpgsql
set search_path = ''
as $$
begin
  if to_regprocedure('supabase_functions.http_request()') is null then
    raise exception 'supabase_functions.http_request is not installed here; the local stack relays pg_notify'
      using errcode = 'RG422';
  end if;
  drop trigger if exists deployment_audit_webhook on public.deployment_audit;
  execute format(
    'create trigger deployment_audit_webhook after insert on public.deployment_audit for each row '
    'execute function supabase_functions.http_request(%L, %L, %L, %L, %L)',
    url, 'POST', jsonb_build_object('Content-Type', 'application/json', 'Authorization', auth_header)::text,
    '{}', '5000');
end
$$;
revoke execute on function public.rollgate_use_supabase_webhook(text, text) from public, anon, authenticated;
