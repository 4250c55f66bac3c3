-- gdpr-compliance: storage limitation (Art. 5(1)(e)). Each mapped table may say how long its rows
-- are kept (retention_days, measured on retention_column) and what happens after: delete the row
-- or anonymise it with the columns' null/hash strategies. Rows of a subject under a legal hold
-- are kept. gdpr_run_retention() is what the scheduler calls daily; run_retention calls it now.

create table public.gdpr_retention_runs (
  id bigint generated always as identity primary key,
  as_of timestamptz not null,
  triggered_by text not null,
  -- [{"table": "public.x", "action": "delete"|"anonymise", "rows": n}, …]
  results jsonb not null,
  rows_affected bigint not null,
  ran_at timestamptz not null default now()
);
create trigger gdpr_retention_runs_append_only
  before update or delete on public.gdpr_retention_runs
  for each row execute function public.gdpr_refuse_change();
create trigger gdpr_retention_runs_no_truncate
  before truncate on public.gdpr_retention_runs
  for each statement execute function public.gdpr_refuse_change();
alter table public.gdpr_retention_runs enable row level security;
revoke all on public.gdpr_retention_runs from anon, authenticated;

-- The WHERE clause selecting one table's rows past retention as of $1: older than the limit, not
-- held, and (when anonymising) not anonymised yet: the subject column is null or 'erased:…'
-- afterwards, since validation requires it to be mapped as null or hash for such tables.
create function public.gdpr_retention_predicate(m public.gdpr_data_map_tables) returns text
language sql stable as $$
  select format('%I < $1 - make_interval(days => %s)', m.retention_column, m.retention_days)
      || format(' and not exists (select 1 from public.gdpr_legal_holds h'
                ' where h.released_at is null and h.subject_id = %I::text)', m.subject_column)
      || case when m.retention_action = 'anonymise'
              then format(' and %I is not null and %I::text not like ''erased:%%''',
                          m.subject_column, m.subject_column)
              else '' end
$$;

-- Rows past retention per table, without touching them (for compliance_report).
create function public.gdpr_retention_backlog(p_as_of timestamptz default now())
returns table (schema_name text, table_name text, action text, rows_due bigint)
language plpgsql stable as $$
#variable_conflict use_variable
declare
  m public.gdpr_data_map_tables;
begin
  perform public.gdpr_assert_data_map();
  for m in select * from public.gdpr_data_map_tables t
            where t.retention_days is not null order by t.table_schema, t.table_name loop
    schema_name := m.table_schema;
    table_name := m.table_name;
    action := m.retention_action;
    execute format('select count(*) from %I.%I where %s', m.table_schema, m.table_name,
                   public.gdpr_retention_predicate(m))
      into rows_due using p_as_of;
    return next;
  end loop;
end
$$;

-- Enforces retention as of p_as_of, records the run, and returns its id.
create function public.gdpr_run_retention(p_as_of timestamptz default now(),
                                          p_triggered_by text default 'scheduler')
returns bigint
language plpgsql volatile as $$
declare
  m public.gdpr_data_map_tables;
  salt text := gen_random_uuid()::text;
  n bigint;
  total bigint := 0;
  results jsonb := '[]';
  run_id bigint;
begin
  perform public.gdpr_assert_data_map();
  for m in select * from public.gdpr_data_map_tables t
            where t.retention_days is not null order by t.table_schema, t.table_name loop
    if m.retention_action = 'delete' then
      execute format('delete from %I.%I where %s', m.table_schema, m.table_name,
                     public.gdpr_retention_predicate(m))
        using p_as_of;
    else
      execute format('update %I.%I set %s where %s', m.table_schema, m.table_name,
                     public.gdpr_anonymise_assignments(m.table_schema, m.table_name, salt),
                     public.gdpr_retention_predicate(m))
        using p_as_of;
    end if;
    get diagnostics n = row_count;
    total := total + n;
    results := results || jsonb_build_object('table', format('%s.%s', m.table_schema, m.table_name),
                                             'action', m.retention_action, 'rows', n);
  end loop;
  insert into public.gdpr_retention_runs (as_of, triggered_by, results, rows_affected)
  values (p_as_of, p_triggered_by, results, total)
  returning id into run_id;
  return run_id;
end
$$;

revoke execute on function
  public.gdpr_retention_predicate(public.gdpr_data_map_tables),
  public.gdpr_retention_backlog(timestamptz),
  public.gdpr_run_retention(timestamptz, text)
  from public, anon, authenticated;
grant execute on function
  public.gdpr_retention_backlog(timestamptz),
  public.gdpr_run_retention(timestamptz, text)
  to service_role;

-- Daily at 03:17 UTC where pg_cron is installed (hosted Supabase, or a server that has it);
-- elsewhere the local stack's scheduler calls gdpr_run_retention() itself.
do $$
begin
  if exists (select 1 from pg_extension where extname = 'pg_cron') then
    perform cron.schedule('rollgate-gdpr-retention', '17 3 * * *',
                          $cmd$select public.gdpr_run_retention(now(), 'pg_cron')$cmd$);
  end if;
end
$$;
