import type { Sql } from './client.ts';

export interface RetentionRunRow {
  id: number;
  as_of: Date;
  triggered_by: string;
  results: { table: string; action: 'delete' | 'anonymise'; rows: number }[];
  rows_affected: number;
  ran_at: Date;
}

/** Enforces retention now, in the same SQL function the daily schedule calls; returns the run. */
export async function runRetention(sql: Sql, asOf: Date, triggeredBy: string) {
  // Two statements: a row the function inserts is not visible to the statement that called it.
  const [started] = await sql<{ id: number }[]>`
    select public.gdpr_run_retention(${asOf}, ${triggeredBy})::int as id`;
  const [run] = await sql<RetentionRunRow[]>`
    select id::int, as_of, triggered_by, results, rows_affected::int, ran_at
      from public.gdpr_retention_runs where id = ${started?.id ?? null}`;
  if (!run) throw new Error('gdpr_run_retention returned no run');
  return run;
}

export function selectLastRetentionRun(sql: Sql) {
  return sql<RetentionRunRow[]>`
    select id::int, as_of, triggered_by, results, rows_affected::int, ran_at
      from public.gdpr_retention_runs order by id desc limit 1`;
}

export interface RetentionBacklogRow {
  schema_name: string;
  table_name: string;
  action: 'delete' | 'anonymise';
  rows_due: number;
}

/** Rows past retention per table as of `asOf`, counted without touching them. */
export function selectRetentionBacklog(sql: Sql, asOf: Date) {
  return sql<RetentionBacklogRow[]>`
    select schema_name, table_name, action, rows_due::int
      from public.gdpr_retention_backlog(${asOf})`;
}
