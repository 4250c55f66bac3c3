import type { Sql } from './client.ts';
import { redactQueryText } from './query-text.ts';

export interface LongRunningQueryRow {
  pid: number;
  user: string | null;
  application_name: string;
  state: string;
  wait_event_type: string | null;
  seconds: number;
  query: string;
}

/**
 * Statements (and open transactions) running longer than `minSeconds` in this database. An idle
 * transaction counts from its start: it holds its locks for that long. Sessions in other
 * databases of the cluster cannot lock this database's tables, so they are left out.
 * pg_stat_activity shows statements as sent: their literals are redacted before they leave here.
 */
export async function selectLongRunningQueries(sql: Sql, minSeconds: number) {
  const rows = await sql<LongRunningQueryRow[]>`
    select pid, usename::text as "user", application_name, state, wait_event_type, seconds,
           left(query, 500) as query
      from (select *,
                   extract(epoch from now() - case when state like 'idle in transaction%'
                                                   then xact_start else query_start end)::float8
                     as seconds
              from pg_stat_activity
             where datname = current_database()
               and backend_type = 'client backend'
               and state is distinct from 'idle'
               and pid <> pg_backend_pid()) activity
     where seconds > ${minSeconds}
     order by seconds desc`;
  return rows.map((row) => ({ ...row, query: redactQueryText(row.query) }));
}

export interface ConnectionUsageRow {
  used: number;
  max_connections: number;
  reserved: number;
  active: number;
  idle: number;
  idle_in_transaction: number;
}

/** Client connections of the whole cluster against max_connections, which is cluster-wide too. */
export function selectConnectionUsage(sql: Sql) {
  return sql<ConnectionUsageRow[]>`
    select count(*)::int as used,
           current_setting('max_connections')::int as max_connections,
           current_setting('superuser_reserved_connections')::int as reserved,
           count(*) filter (where state = 'active')::int as active,
           count(*) filter (where state = 'idle')::int as idle,
           count(*) filter (where state like 'idle in transaction%')::int as idle_in_transaction
      from pg_stat_activity
     where backend_type = 'client backend'`;
}
