import type { Sql } from './client.ts';

export interface CacheHitRow {
  table_hits: number;
  table_reads: number;
  index_hits: number;
  index_reads: number;
}

/** Buffer-cache hits and disk reads of this database's user tables and indexes since the last reset. */
export function selectCacheHits(sql: Sql) {
  return sql<CacheHitRow[]>`
    select coalesce((select sum(heap_blks_hit) from pg_statio_user_tables), 0)::float8 as table_hits,
           coalesce((select sum(heap_blks_read) from pg_statio_user_tables), 0)::float8 as table_reads,
           coalesce((select sum(idx_blks_hit) from pg_statio_user_indexes), 0)::float8 as index_hits,
           coalesce((select sum(idx_blks_read) from pg_statio_user_indexes), 0)::float8 as index_reads`;
}

export interface DeadTupleRow {
  schemaname: string;
  table_name: string;
  live_tuples: number;
  dead_tuples: number;
  last_vacuum: Date | null;
  last_autovacuum: Date | null;
  /** Whether dead tuples exceed the point where autovacuum should already have run. */
  past_autovacuum_threshold: boolean;
}

/** Tables with at least `minDead` dead tuples, most dead first. */
export function selectDeadTuples(sql: Sql, minDead: number) {
  return sql<DeadTupleRow[]>`
    select schemaname::text, relname::text as table_name,
           n_live_tup::float8 as live_tuples, n_dead_tup::float8 as dead_tuples,
           last_vacuum, last_autovacuum,
           n_dead_tup > current_setting('autovacuum_vacuum_threshold')::float8
                        + current_setting('autovacuum_vacuum_scale_factor')::float8 * n_live_tup
             as past_autovacuum_threshold
      from pg_stat_user_tables
     where n_dead_tup >= ${minDead}
     order by n_dead_tup desc`;
}

export interface TransactionIdAgeRow {
  database: string;
  xid_age: number;
  freeze_max_age: number;
  autovacuum_enabled: boolean;
}

/**
 * How many transactions old this database's oldest unfrozen row is. At 2^31 PostgreSQL stops
 * accepting writes to prevent wraparound; autovacuum starts forcing freezes at freeze_max_age.
 */
export function selectTransactionIdAge(sql: Sql) {
  return sql<TransactionIdAgeRow[]>`
    select datname::text as database, age(datfrozenxid)::float8 as xid_age,
           current_setting('autovacuum_freeze_max_age')::float8 as freeze_max_age,
           current_setting('autovacuum')::bool as autovacuum_enabled
      from pg_database
     where datname = current_database()`;
}
