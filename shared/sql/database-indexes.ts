import type { Sql } from './client.ts';

export interface IndexRow {
  schemaname: string;
  table_name: string;
  index_name: string;
  size_bytes: number;
}

/**
 * Indexes never scanned since statistics were reset, except those enforcing a constraint. The
 * candidates are materialised first: the planner would otherwise push the size filter down to a
 * scan of every pg_class row, and pg_relation_size waits on any locked table it meets.
 */
export function selectUnusedIndexes(sql: Sql, minBytes: number) {
  return sql<IndexRow[]>`
    with unused as materialized (
      select s.schemaname::text, s.relname::text as table_name,
             s.indexrelname::text as index_name, s.indexrelid
        from pg_stat_user_indexes s
        join pg_index i on i.indexrelid = s.indexrelid
       where s.idx_scan = 0 and not i.indisunique and not i.indisprimary
         and not exists (select 1 from pg_constraint c where c.conindid = s.indexrelid)
    )
    select schemaname, table_name, index_name, size_bytes
      from (select *, pg_relation_size(indexrelid)::float8 as size_bytes from unused) sized
     where size_bytes >= ${minBytes}
     order by size_bytes desc`;
}

export interface DuplicateIndexRow extends IndexRow {
  /** The indexes that serve every query this one serves. */
  covered_by: string[];
}

/**
 * B-tree indexes whose columns are a leading prefix of (or equal to) another valid b-tree index
 * on the same table: every query they serve, the other serves too. A unique index is never
 * redundant (it enforces something); of two identical plain indexes only the younger is listed.
 */
export function selectDuplicateIndexes(sql: Sql) {
  return sql<DuplicateIndexRow[]>`
    select n.nspname::text as schemaname, t.relname::text as table_name,
           ac.relname::text as index_name,
           array_agg(bc.relname::text order by bc.relname) as covered_by,
           pg_relation_size(a.indexrelid)::float8 as size_bytes
      from pg_index a
      join pg_index b on b.indrelid = a.indrelid and b.indexrelid <> a.indexrelid
      join pg_class ac on ac.oid = a.indexrelid
      join pg_class bc on bc.oid = b.indexrelid
      join pg_class t on t.oid = a.indrelid
      join pg_namespace n on n.oid = t.relnamespace
     where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
       and ac.relam = (select oid from pg_am where amname = 'btree') and bc.relam = ac.relam
       and a.indisvalid and b.indisvalid and not a.indisunique
       and a.indexprs is null and b.indexprs is null and a.indpred is null and b.indpred is null
       and (b.indkey::text || ' ') like (a.indkey::text || ' %')
       and (b.indclass::text || ' ') like (a.indclass::text || ' %')
       and (a.indkey::text <> b.indkey::text or b.indisunique or a.indexrelid > b.indexrelid)
     group by n.nspname, t.relname, ac.relname, a.indexrelid
     order by 1, 2, 3`;
}

/** Indexes left INVALID, typically by a CREATE INDEX CONCURRENTLY that failed. */
export function selectInvalidIndexes(sql: Sql) {
  return sql<IndexRow[]>`
    select n.nspname::text as schemaname, t.relname::text as table_name,
           c.relname::text as index_name, pg_relation_size(i.indexrelid)::float8 as size_bytes
      from pg_index i
      join pg_class c on c.oid = i.indexrelid
      join pg_class t on t.oid = i.indrelid
      join pg_namespace n on n.oid = t.relnamespace
     where not i.indisvalid
       and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
     order by 1, 2, 3`;
}
