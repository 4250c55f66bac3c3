-- gdpr-compliance: what the data map names that the schema no longer has, as rows rather than an
-- error, so compliance_report can report a stale map instead of failing on it.

create function public.gdpr_data_map_missing()
returns table (name text)
language sql stable as $$
  select format('%s.%s.%s', m.table_schema, m.table_name, col.name)
    from public.gdpr_data_map_tables m
    cross join lateral (
      select m.subject_column as name
      union select c.column_name from public.gdpr_data_map_columns c
             where c.table_schema = m.table_schema and c.table_name = m.table_name
      union select m.retention_column where m.retention_column is not null) col
   where not exists (
     select 1 from pg_attribute a
      where a.attrelid = to_regclass(format('%I.%I', m.table_schema, m.table_name))
        and a.attname = col.name and a.attnum > 0 and not a.attisdropped)
   order by 1
$$;

create or replace function public.gdpr_assert_data_map() returns void
language plpgsql stable as $$
declare
  missing text;
begin
  select string_agg(x.name, ', ') into missing from public.gdpr_data_map_missing() x;
  if missing is not null then
    raise exception 'the data map names columns that no longer exist: %', missing
      using errcode = 'RG422';
  end if;
end
$$;

revoke execute on function public.gdpr_data_map_missing() from public, anon, authenticated;
grant execute on function public.gdpr_data_map_missing() to service_role;
