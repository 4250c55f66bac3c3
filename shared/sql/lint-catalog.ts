import type { Sql } from './client.ts';

/** Size facts of one table, for the migration lint's severity. */
export interface TableFacts {
  table: string;
  /** Heap only: 0 means the table has never held a row (or was truncated). */
  heap_bytes: number;
  total_bytes: number;
  /** The planner's estimate (-1 before the first ANALYZE). */
  rows: number;
  indexes: number;
  index_bytes: number;
}

/** A session other than ours that holds or waits for a lock on one of the tables. */
export interface LockHolder {
  pid: number;
  table: string;
  mode: string;
  granted: boolean;
  xact_seconds: number;
}

/** The server's major version (`server_version_num` 150020 → 15). */
export async function selectServerMajorVersion(sql: Sql): Promise<number> {
  const [row] = await sql<{ v: number }[]>`
    select current_setting('server_version_num')::int / 10000 as v`;
  return row?.v ?? 0;
}

/** Sizes of the named tables (`schema.table`) that exist; others are simply absent. */
export async function selectTableFacts(sql: Sql, tables: readonly string[]): Promise<TableFacts[]> {
  if (tables.length === 0) return [];
  return sql<TableFacts[]>`
    select n.nspname || '.' || c.relname as table,
           pg_relation_size(c.oid)::float8 as heap_bytes,
           pg_total_relation_size(c.oid)::float8 as total_bytes,
           c.reltuples::float8 as rows,
           (select count(*)::int from pg_index i where i.indrelid = c.oid) as indexes,
           coalesce((select sum(pg_relation_size(i.indexrelid))::float8
                       from pg_index i where i.indrelid = c.oid), 0) as index_bytes
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
     where n.nspname || '.' || c.relname = any(${tables as string[]}::text[])
       and c.relkind in ('r', 'p', 'm')`;
}

/** Other sessions holding or queued for a lock on the named tables, oldest transaction first. */
export async function selectLockHolders(
  sql: Sql,
  tables: readonly string[],
): Promise<LockHolder[]> {
  if (tables.length === 0) return [];
  return sql<LockHolder[]>`
    select l.pid, n.nspname || '.' || c.relname as table, l.mode, l.granted,
           coalesce(extract(epoch from now() - a.xact_start), 0)::float8 as xact_seconds
      from pg_locks l
      join pg_class c on c.oid = l.relation
      join pg_namespace n on n.oid = c.relnamespace
      join pg_stat_activity a on a.pid = l.pid
     where l.pid <> pg_backend_pid()
       and n.nspname || '.' || c.relname = any(${tables as string[]}::text[])
     order by a.xact_start nulls last`;
}

/** Volatility (`i`, `s`, `v`) of every function of these names (`schema.name` or `name`). */
export async function selectFunctionVolatility(
  sql: Sql,
  functions: readonly string[],
): Promise<{ name: string; schema: string; volatility: string }[]> {
  if (functions.length === 0) return [];
  const bare = functions.map((f) => f.slice(f.lastIndexOf('.') + 1));
  return sql<{ name: string; schema: string; volatility: string }[]>`
    select p.proname as name, n.nspname as schema, p.provolatile::text as volatility
      from pg_proc p
      join pg_namespace n on n.oid = p.pronamespace
     where p.proname = any(${bare}::text[])`;
}

/** Validated CHECK constraints of the named tables, as `pg_get_constraintdef` prints them. */
export async function selectValidatedChecks(
  sql: Sql,
  tables: readonly string[],
): Promise<{ table: string; definition: string }[]> {
  if (tables.length === 0) return [];
  return sql<{ table: string; definition: string }[]>`
    select n.nspname || '.' || c.relname as table, pg_get_constraintdef(k.oid) as definition
      from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_namespace n on n.oid = c.relnamespace
     where k.contype = 'c' and k.convalidated
       and n.nspname || '.' || c.relname = any(${tables as string[]}::text[])`;
}

/** The table of each named index (`schema.index`). */
export async function selectIndexTables(
  sql: Sql,
  indexes: readonly string[],
): Promise<{ index: string; table: string }[]> {
  if (indexes.length === 0) return [];
  return sql<{ index: string; table: string }[]>`
    select ni.nspname || '.' || i.relname as index, nt.nspname || '.' || t.relname as table
      from pg_index x
      join pg_class i on i.oid = x.indexrelid
      join pg_namespace ni on ni.oid = i.relnamespace
      join pg_class t on t.oid = x.indrelid
      join pg_namespace nt on nt.oid = t.relnamespace
     where ni.nspname || '.' || i.relname = any(${indexes as string[]}::text[])`;
}
