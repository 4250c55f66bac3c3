-- gdpr-compliance: the data map (which tables and columns hold personal data, whose, why, on
-- what legal basis, for how long, and how each column is erased) and legal holds.
-- Personal-data registers: RLS on, no policy for anon or authenticated, no grants either. Only
-- service_role (which bypasses RLS) and the owner read or write them.

create table public.gdpr_data_map_tables (
  table_schema text not null default 'public',
  table_name text not null,
  -- The column whose value identifies the data subject (compared with a request's subject_id).
  subject_column text not null,
  purpose text not null,
  legal_basis text not null check (legal_basis in ('consent', 'contract', 'legal_obligation',
                                                   'vital_interests', 'public_task',
                                                   'legitimate_interests')),
  retention_days integer check (retention_days > 0),
  retention_action text check (retention_action in ('delete', 'anonymise')),
  -- The date or timestamp column a row's age is measured from.
  retention_column text,
  updated_at timestamptz not null default now(),
  primary key (table_schema, table_name),
  check ((retention_days is null) = (retention_action is null)
     and (retention_days is null) = (retention_column is null))
);

create table public.gdpr_data_map_columns (
  table_schema text not null,
  table_name text not null,
  column_name text not null,
  category text not null,
  erasure text not null check (erasure in ('delete', 'null', 'hash')),
  primary key (table_schema, table_name, column_name),
  foreign key (table_schema, table_name)
    references public.gdpr_data_map_tables (table_schema, table_name) on delete cascade
);

-- A legal hold (litigation, an authority's order: Art. 17(3)(e)) stops erasure and retention
-- for one subject until released.
create table public.gdpr_legal_holds (
  id uuid primary key default gen_random_uuid(),
  subject_id text not null,
  reason text not null,
  placed_at timestamptz not null default now(),
  released_at timestamptz,
  release_reason text,
  check ((released_at is null) = (release_reason is null))
);
create unique index gdpr_legal_holds_one_active on public.gdpr_legal_holds (subject_id)
  where released_at is null;

alter table public.gdpr_data_map_tables enable row level security;
alter table public.gdpr_data_map_columns enable row level security;
alter table public.gdpr_legal_holds enable row level security;
revoke all on public.gdpr_data_map_tables, public.gdpr_data_map_columns, public.gdpr_legal_holds
  from anon, authenticated;

-- Shared by every append-only register of gdpr-compliance: refuses UPDATE, DELETE and TRUNCATE
-- for every role, the owner and service_role included (triggers do not yield to BYPASSRLS).
create function public.gdpr_refuse_change() returns trigger
language plpgsql as $$
begin
  raise exception '% is append-only: % is refused', tg_table_name, lower(tg_op)
    using errcode = 'RG422';
end
$$;
revoke execute on function public.gdpr_refuse_change() from public, anon, authenticated;
