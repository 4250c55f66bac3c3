-- Row-level security governs SELECT, INSERT, UPDATE and DELETE only. TRUNCATE, REFERENCES and
-- TRIGGER are plain table privileges, and Supabase's default `grant all` hands them to anon and
-- authenticated: a TRUNCATE as anon would have emptied any table whatever its policies. The API
-- roles need none of them; take them back from every public table, present and future.
do $$
declare
  t regclass;
begin
  for t in
    select c.oid::regclass from pg_class c
     where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
  loop
    execute format('revoke truncate, references, trigger on %s from anon, authenticated', t);
  end loop;
end
$$;

alter default privileges in schema public
  revoke truncate, references, trigger on tables from anon, authenticated;
