-- Rollgate's own roles. In a Supabase project `authenticated` is every person who signs up to
-- the app, so a user holds no Rollgate right until an admin grants one here (per environment,
-- or '*' for all). Subjects are credential identities: 'user:<auth.users id>'. Only the
-- functions' service connection reads or writes this table (RLS on, no policy, no grant).
create table public.rollgate_grants (
  subject text not null check (subject ~ '^user:[0-9a-f-]{36}$'),
  role text not null check (role in ('viewer', 'deployer', 'approver', 'admin')),
  environment text not null default '*' check (environment ~ '^(\*|[a-z][a-z0-9_-]{0,62})$'),
  granted_by text not null,
  granted_at timestamptz not null default now(),
  primary key (subject, role, environment)
);
alter table public.rollgate_grants enable row level security;
revoke all on public.rollgate_grants from public;
do $$
begin
  if exists (select 1 from pg_roles where rolname = 'anon') then
    revoke all on public.rollgate_grants from anon, authenticated;
  end if;
end
$$;
