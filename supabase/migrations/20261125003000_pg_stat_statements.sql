-- database-scalability's query_outliers reads pg_stat_statements. Hosted Supabase has it in
-- `extensions` already; the local stack's PostgreSQL preloads the library but the extension
-- still has to be created. Where the server does not ship it, the check reports it unavailable.
do $$
begin
  if exists (select 1 from pg_available_extensions where name = 'pg_stat_statements') then
    create extension if not exists pg_stat_statements with schema extensions;
  end if;
end
$$;
