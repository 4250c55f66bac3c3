import type { Sql } from './client.ts';

export interface IssueDelta {
  fingerprint: string;
  title: string;
  component: string;
  severity: string;
  event_count: number;
  first_seen: string;
  last_seen: string;
  last_release: string;
}

export interface UpsertedIssue {
  id: number;
  fingerprint: string;
  status: string;
  created: boolean;
  regressed: boolean;
}

/**
 * Adds a batch's events to their issues. A resolved issue that sees a new event is reopened and
 * counted as a regression; an ignored one stays ignored. Key order avoids deadlocks.
 */
export function upsertIssues(tx: Sql, deltas: readonly IssueDelta[]) {
  return tx<UpsertedIssue[]>`
    insert into public.error_issues as i
      (fingerprint, title, component, severity, event_count, first_seen, last_seen, last_release)
    select fingerprint, title, component, severity, event_count, first_seen, last_seen, last_release
      from jsonb_to_recordset(${tx.json(deltas as never)}::jsonb) as x(
        fingerprint text, title text, component text, severity text, event_count bigint,
        first_seen timestamptz, last_seen timestamptz, last_release text)
     order by fingerprint
    on conflict (fingerprint) do update set
      event_count = i.event_count + excluded.event_count,
      first_seen = least(i.first_seen, excluded.first_seen),
      last_seen = greatest(i.last_seen, excluded.last_seen),
      severity = excluded.severity,
      last_release = excluded.last_release,
      status = case when i.status = 'resolved' then 'unresolved' else i.status end,
      regression_count = i.regression_count + case when i.status = 'resolved' then 1 else 0 end,
      regressed_at = case when i.status = 'resolved' then now() else i.regressed_at end,
      resolved_at = case when i.status = 'resolved' then null else i.resolved_at end,
      updated_at = now()
    returning id::float8 as id, fingerprint, status, (xmax = 0) as created,
              coalesce(regressed_at = now(), false) as regressed`;
}

export interface ErrorEventRow {
  occurred_at: string;
  issue_id: number;
  fingerprint: string;
  error_message: string;
  component: string;
  severity: string;
  environment: string;
  release: string;
  deployment_id: string;
  variant: string;
  stack: string | null;
  metadata: Record<string, unknown>;
  trace_id: string | null;
}

export function insertErrorEvents(tx: Sql, rows: readonly ErrorEventRow[]) {
  return tx`
    insert into public.error_events
      (occurred_at, issue_id, fingerprint, error_message, component, severity, environment,
       release, deployment_id, variant, stack, metadata, trace_id)
    select occurred_at, issue_id, fingerprint, error_message, component, severity, environment,
           release, deployment_id, variant, stack, coalesce(metadata, '{}'), trace_id
      from jsonb_to_recordset(${tx.json(rows as never)}::jsonb) as x(
        occurred_at timestamptz, issue_id bigint, fingerprint text, error_message text,
        component text, severity text, environment text, release text, deployment_id text,
        variant text, stack text, metadata jsonb, trace_id text)`;
}

export type IssueStatus = 'unresolved' | 'resolved' | 'ignored';

export interface IssueRow {
  id: number;
  fingerprint: string;
  title: string;
  component: string;
  severity: string;
  status: IssueStatus;
  event_count: number;
  first_seen: Date;
  last_seen: Date;
  last_release: string;
  regression_count: number;
  regressed_at: Date | null;
  resolved_at: Date | null;
}

const ISSUE_COLUMNS = `id::float8 as id, fingerprint, title, component, severity, status,
  event_count::float8 as event_count, first_seen, last_seen, last_release, regression_count,
  regressed_at, resolved_at`;

export function selectIssues(
  sql: Sql,
  f: { status?: string | undefined; component?: string | undefined; limit: number },
) {
  return sql<IssueRow[]>`
    select ${sql.unsafe(ISSUE_COLUMNS)} from public.error_issues
     where true
       ${f.status === undefined ? sql`` : sql`and status = ${f.status}`}
       ${f.component === undefined ? sql`` : sql`and component = ${f.component}`}
     order by last_seen desc, id desc
     limit ${f.limit}`;
}

export function updateIssueStatus(sql: Sql, id: number, status: IssueStatus) {
  return sql<IssueRow[]>`
    update public.error_issues set
      status = ${status},
      resolved_at = case when ${status} = 'resolved' then now() else null end,
      updated_at = now()
     where id = ${id}
    returning ${sql.unsafe(ISSUE_COLUMNS)}`;
}

export async function countOpenIssues(sql: Sql, severities: readonly string[]) {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from public.error_issues
     where status = 'unresolved' and severity = any(${severities as string[]})`;
  return row?.n ?? 0;
}
