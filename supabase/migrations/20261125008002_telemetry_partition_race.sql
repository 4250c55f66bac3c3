-- Concurrent first batches of a day raced to create that day's partition: the advisory lock
-- serialised them, but the re-check after it reads the catalog through a cache that an advisory
-- lock does not refresh, so the loser ran CREATE TABLE again and failed with 42P07 (a 500, and the
-- batch lost). Same function, and a partition that appeared meanwhile now counts as created.
create or replace function public.telemetry_ensure_partition(parent text, day date) returns void
language plpgsql
set search_path = ''
as $$
declare
  name text := format('%s_%s', parent, to_char(day, 'YYYYMMDD'));
begin
  if to_regclass(format('public.%I', name)) is not null then
    return;
  end if;
  perform pg_advisory_xact_lock(hashtext('rollgate.partition.' || name));
  if to_regclass(format('public.%I', name)) is not null then
    return;
  end if;
  begin
    execute format(
      'create table public.%I partition of public.%I for values from (%L) to (%L)',
      name, parent, day::timestamptz, (day + 1)::timestamptz
    );
  exception when duplicate_table then
    return;
  end;
  execute format('alter table public.%I enable row level security', name);
end
$$;
