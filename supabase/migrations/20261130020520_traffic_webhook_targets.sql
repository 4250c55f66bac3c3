-- Issue 12, finding 3: traffic webhooks reach only targets an admin allowlisted for the
-- environment. `url_prefix` is a normalised URL ending in '/' (scheme://host[:port]/path/): a
-- target matches when it equals the prefix without its final '/' or starts with the prefix, so
-- `https://router.example/` never admits `https://router.example.evil.net/`. Numeric or
-- otherwise non-canonical spellings of a host (http://2130706433/) never match a listed one.
create table public.traffic_webhook_targets (
  environment text not null references public.environments (name) on delete cascade,
  url_prefix text not null check (url_prefix ~ '^https?://[^/?#@]+/([^?#]*/)?$'),
  note text,
  added_by text not null,
  added_at timestamptz not null default now(),
  primary key (environment, url_prefix)
);
alter table public.traffic_webhook_targets enable row level security;
-- No policy: only service_role (which bypasses RLS) and the table owner read or change it.
revoke all on public.traffic_webhook_targets from anon, authenticated;

create function public.traffic_webhook_target_allowed(env text, url text) returns boolean
language sql stable
set search_path = ''
as $$
  select exists (
    select 1 from public.traffic_webhook_targets t
     where t.environment = env
       and (url = left(t.url_prefix, -1) or starts_with(url, t.url_prefix)))
$$;

create function public.deployments_check_webhook_target() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.traffic->>'provider' = 'webhook'
     and not public.traffic_webhook_target_allowed(new.environment, new.traffic->>'url') then
    raise exception 'traffic webhook target % is not allowlisted for %; an admin adds it with allow_webhook_target',
      new.traffic->>'url', new.environment
      using errcode = 'RG422';
  end if;
  return new;
end
$$;

create trigger deployments_webhook_target before insert or update of traffic, environment
  on public.deployments for each row execute function public.deployments_check_webhook_target();
