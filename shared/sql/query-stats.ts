import type { Sql } from './client.ts';
import { redactQueryText } from './query-text.ts';

/** The schema pg_stat_statements is installed in, or null when the extension is not created. */
export async function findPgStatStatements(sql: Sql): Promise<string | null> {
  const [row] = await sql<{ schema: string }[]>`
    select n.nspname::text as schema
      from pg_extension e join pg_namespace n on n.oid = e.extnamespace
     where e.extname = 'pg_stat_statements'`;
  return row?.schema ?? null;
}

export interface QueryStatRow {
  queryid: string;
  query: string;
  calls: number;
  total_ms: number;
  mean_ms: number;
  share_percent: number | null;
}

/**
 * This database's statements: the `limit` heaviest by total time, plus every statement averaging
 * at least `minMeanMs` over at least `minCalls` calls; each with its share of the total time.
 * The text is pg_stat_statements' normalised one, with what it leaves of literals (utility
 * statements keep theirs) redacted before it leaves this module.
 */
export async function selectQueryStats(
  sql: Sql,
  schema: string,
  options: { limit: number; minMeanMs: number; minCalls: number },
) {
  const rows = await sql<QueryStatRow[]>`
    select queryid, query, calls, total_ms, mean_ms, share_percent
      from (select queryid::text, left(query, 500) as query, calls::float8,
                   total_exec_time::float8 as total_ms, mean_exec_time::float8 as mean_ms,
                   (100 * total_exec_time / nullif(sum(total_exec_time) over (), 0))::float8
                     as share_percent,
                   row_number() over (order by total_exec_time desc) as rank
              from ${sql(schema)}.pg_stat_statements
             where dbid = (select oid from pg_database where datname = current_database())) s
     where rank <= ${options.limit}
        or (mean_ms >= ${options.minMeanMs} and calls >= ${options.minCalls})
     order by total_ms desc`;
  return rows.map((row) => ({ ...row, query: redactQueryText(row.query) }));
}
