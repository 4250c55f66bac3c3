import type { Sql } from './client.ts';

export interface BlockingLockRow {
  blocked_pid: number;
  blocked_user: string;
  blocking_pid: number;
  blocking_user: string;
  blocked_statement: string;
  blocking_statement: string;
  blocked_seconds: number;
}

/**
 * The runbook's blocking-locks query, plus how long the blocked statement has waited, limited to
 * sessions of this database: one in another database of the cluster cannot block this one's
 * tables (on hosted Supabase, with its single database, the result is the runbook's).
 */
export function selectBlockingLocks(sql: Sql) {
  return sql<BlockingLockRow[]>`
    select blocked_locks.pid as blocked_pid,
           blocked_activity.usename::text as blocked_user,
           blocking_locks.pid as blocking_pid,
           blocking_activity.usename::text as blocking_user,
           blocked_activity.query as blocked_statement,
           blocking_activity.query as blocking_statement,
           extract(epoch from now() - blocked_activity.query_start)::float8 as blocked_seconds
      from pg_catalog.pg_locks blocked_locks
      join pg_catalog.pg_stat_activity blocked_activity on blocked_activity.pid = blocked_locks.pid
      join pg_catalog.pg_locks blocking_locks
        on blocking_locks.locktype = blocked_locks.locktype
       and blocking_locks.database is not distinct from blocked_locks.database
       and blocking_locks.relation is not distinct from blocked_locks.relation
       and blocking_locks.page is not distinct from blocked_locks.page
       and blocking_locks.tuple is not distinct from blocked_locks.tuple
       and blocking_locks.virtualxid is not distinct from blocked_locks.virtualxid
       and blocking_locks.transactionid is not distinct from blocked_locks.transactionid
       and blocking_locks.classid is not distinct from blocked_locks.classid
       and blocking_locks.objid is not distinct from blocked_locks.objid
       and blocking_locks.objsubid is not distinct from blocked_locks.objsubid
       and blocking_locks.pid != blocked_locks.pid
      join pg_catalog.pg_stat_activity blocking_activity on blocking_activity.pid = blocking_locks.pid
     where not blocked_locks.granted
       and blocked_activity.datname = current_database()`;
}

export interface TableSizeRow {
  schemaname: string;
  tablename: string;
  size: string;
  size_bytes: number;
}

/** The runbook's table-size query (public schema, largest first). */
export function selectTableSizes(sql: Sql, limit: number) {
  return sql<TableSizeRow[]>`
    select schemaname::text, tablename::text,
           pg_size_pretty(pg_total_relation_size(format('%I.%I', schemaname, tablename))) as size,
           pg_total_relation_size(format('%I.%I', schemaname, tablename))::float8 as size_bytes
      from pg_tables
     where schemaname = 'public'
     order by size_bytes desc
     limit ${limit}`;
}

export interface UnvalidatedConstraintRow {
  conname: string;
  table_name: string;
  contype: string;
}

/** The runbook's check, widened to foreign keys: constraints added NOT VALID and never validated. */
export function selectUnvalidatedConstraints(sql: Sql) {
  return sql<UnvalidatedConstraintRow[]>`
    select conname::text, conrelid::regclass::text as table_name,
           case contype when 'c' then 'check' when 'f' then 'foreign_key' else contype::text end as contype
      from pg_constraint
     where contype in ('c', 'f') and not convalidated
     order by 2, 1`;
}
