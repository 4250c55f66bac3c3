-- Ingest keys: a credential that may send telemetry (or only error events, the kind a browser
-- may hold) and nothing more, named so the evidence says which source sent it. Only the SHA-256
-- of a key is stored; the key itself is shown once, when an admin creates it. Only the
-- functions' service connection reads or writes this table (RLS on, no policy, no grant).
create table public.rollgate_ingest_keys (
  name text primary key check (name ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  key_hash text not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
  scope text not null check (scope in ('telemetry', 'errors')),
  environment text not null default '*' check (environment ~ '^(\*|[a-z][a-z0-9_-]{0,62})$'),
  created_by text not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
alter table public.rollgate_ingest_keys enable row level security;
revoke all on public.rollgate_ingest_keys from public;
do $$
begin
  if exists (select 1 from pg_roles where rolname = 'anon') then
    revoke all on public.rollgate_ingest_keys from anon, authenticated;
  end if;
end
$$;
