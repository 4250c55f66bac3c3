-- gdpr-compliance: reading and erasing one subject's rows across the mapped tables. Table and
-- column names come from the data map and are always quoted with format('%I'); the subject id is
-- always a bound parameter, cast to the subject column's own type so its index can be used.
-- SECURITY INVOKER, executable by service_role only.

-- Refuses to run on a data map that names a table or column that no longer exists (the map was
-- validated when set, but the schema may have moved on since).
create function public.gdpr_assert_data_map() returns void
language plpgsql stable as $$
declare
  missing text;
begin
  select string_agg(x.name, ', ' order by x.name) into missing
    from (select format('%s.%s.%s', m.table_schema, m.table_name, col.name) as name
            from public.gdpr_data_map_tables m
            cross join lateral (
              select m.subject_column as name
              union select c.column_name from public.gdpr_data_map_columns c
                     where c.table_schema = m.table_schema and c.table_name = m.table_name
              union select m.retention_column where m.retention_column is not null) col
           where not exists (
             select 1 from pg_attribute a
              where a.attrelid = to_regclass(format('%I.%I', m.table_schema, m.table_name))
                and a.attname = col.name and a.attnum > 0 and not a.attisdropped)) x;
  if missing is not null then
    raise exception 'the data map names columns that no longer exist: %', missing
      using errcode = 'RG422';
  end if;
end
$$;

-- "<subject column> = cast($1 as <its type>)" for one mapped table.
create function public.gdpr_subject_predicate(p_schema text, p_table text) returns text
language sql stable as $$
  select format('%I = cast($1 as %s)', m.subject_column, format_type(a.atttypid, a.atttypmod))
    from public.gdpr_data_map_tables m
    join pg_attribute a on a.attrelid = to_regclass(format('%I.%I', m.table_schema, m.table_name))
                       and a.attname = m.subject_column and not a.attisdropped
   where m.table_schema = p_schema and m.table_name = p_table
$$;

-- The SET list that anonymises a table's null- and hash-strategy columns. The hash is salted
-- with `p_salt`, which the caller generates per run and discards: an unsalted hash of an e-mail
-- address is reversed by hashing a list of addresses. The 'erased:' prefix marks the value.
create function public.gdpr_anonymise_assignments(p_schema text, p_table text, p_salt text)
returns text
language sql stable as $$
  select string_agg(
           case c.erasure
             when 'null' then format('%I = null', c.column_name)
             else format('%I = ''erased:'' || encode(sha256(convert_to(%L || %I::text, ''UTF8'')), ''hex'')',
                         c.column_name, p_salt, c.column_name)
           end, ', ' order by c.column_name)
    from public.gdpr_data_map_columns c
   where c.table_schema = p_schema and c.table_name = p_table and c.erasure in ('null', 'hash')
$$;

-- The mapped tables, each after every mapped table that references it by foreign key, so
-- children are erased before their parents. (On a reference cycle, in name order.)
create function public.gdpr_tables_children_first()
returns table (schema_name text, table_name text, erase_by_delete boolean)
language plpgsql stable as $$
#variable_conflict use_variable
declare
  pending oid[];
  chosen oid;
begin
  perform public.gdpr_assert_data_map();
  select array_agg(to_regclass(format('%I.%I', m.table_schema, m.table_name))::oid
                   order by m.table_schema, m.table_name)
    into pending from public.gdpr_data_map_tables m;
  while coalesce(cardinality(pending), 0) > 0 loop
    select u.rel into chosen
      from unnest(pending) with ordinality as u (rel, ord)
     where not exists (select 1 from pg_constraint k
                        where k.contype = 'f' and k.confrelid = u.rel
                          and k.conrelid <> u.rel and k.conrelid = any (pending))
     order by u.ord limit 1;
    chosen := coalesce(chosen, pending[1]);
    select n.nspname::text, c.relname::text into schema_name, table_name
      from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = chosen;
    erase_by_delete := exists (select 1 from public.gdpr_data_map_columns d
                                where d.table_schema = schema_name and d.table_name = table_name
                                  and d.erasure = 'delete');
    return next;
    pending := array_remove(pending, chosen);
  end loop;
end
$$;

-- Every mapped row of one subject, per table, as JSON (Art. 15 access, Art. 20 portability);
-- json rather than jsonb keeps the table's column order, which the CSV export follows.
create function public.gdpr_subject_rows(p_subject text)
returns table (schema_name text, table_name text, legal_basis text, rows json)
language plpgsql stable as $$
#variable_conflict use_variable
declare
  t record;
begin
  perform public.gdpr_assert_data_map();
  for t in select m.table_schema, m.table_name, m.legal_basis
             from public.gdpr_data_map_tables m order by 1, 2 loop
    schema_name := t.table_schema;
    table_name := t.table_name;
    legal_basis := t.legal_basis;
    execute format('select coalesce(json_agg(to_json(r)), ''[]'') from %I.%I r where %s',
                   t.table_schema, t.table_name,
                   public.gdpr_subject_predicate(t.table_schema, t.table_name))
      into rows using p_subject;
    return next;
  end loop;
end
$$;

-- Erases one subject (Art. 17): per table, DELETE when a column says delete, otherwise UPDATE
-- with the null and hash strategies. Refuses while the subject is under a legal hold.
create function public.gdpr_erase_subject(p_subject text)
returns table (schema_name text, table_name text, operation text, row_count bigint)
language plpgsql volatile as $$
#variable_conflict use_variable
declare
  t record;
  salt text := gen_random_uuid()::text;
begin
  if exists (select 1 from public.gdpr_legal_holds h
              where h.subject_id = p_subject and h.released_at is null) then
    raise exception 'the subject is under a legal hold' using errcode = 'RG409';
  end if;
  for t in select * from public.gdpr_tables_children_first() loop
    schema_name := t.schema_name;
    table_name := t.table_name;
    if t.erase_by_delete then
      operation := 'deleted';
      execute format('delete from %I.%I where %s', t.schema_name, t.table_name,
                     public.gdpr_subject_predicate(t.schema_name, t.table_name))
        using p_subject;
    else
      operation := 'anonymised';
      execute format('update %I.%I set %s where %s', t.schema_name, t.table_name,
                     public.gdpr_anonymise_assignments(t.schema_name, t.table_name, salt),
                     public.gdpr_subject_predicate(t.schema_name, t.table_name))
        using p_subject;
    end if;
    get diagnostics row_count = row_count;
    return next;
  end loop;
end
$$;

revoke execute on function
  public.gdpr_assert_data_map(),
  public.gdpr_subject_predicate(text, text),
  public.gdpr_anonymise_assignments(text, text, text),
  public.gdpr_tables_children_first(),
  public.gdpr_subject_rows(text),
  public.gdpr_erase_subject(text)
  from public, anon, authenticated;
grant execute on function
  public.gdpr_subject_rows(text),
  public.gdpr_erase_subject(text)
  to service_role;
