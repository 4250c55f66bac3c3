import type { Sql } from './client.ts';

/** Statements behind compliance_report's sections; each reads aggregates, never subject data. */

export interface RequestCountRow {
  type: string;
  status: string;
  count: number;
}

export function selectRequestCounts(sql: Sql) {
  return sql<RequestCountRow[]>`
    select type, status, count(*)::int as count
      from public.gdpr_requests group by type, status order by type, status`;
}

export interface AnsweredRow {
  answered: number;
  on_time: number;
}

/** Closed requests, and how many were answered by their deadline (rejections count: Art. 12(4)). */
export function selectAnsweredRequests(sql: Sql) {
  return sql<AnsweredRow[]>`
    select count(*)::int as answered,
           count(*) filter (where coalesce(completed_at, updated_at) <= due_at)::int as on_time
      from public.gdpr_requests
     where status in ('completed', 'rejected')`;
}

export interface OverdueRequestRow {
  id: string;
  type: string;
  status: string;
  received_at: Date;
  due_at: Date;
}

/** Open requests past their deadline, by request id only: a report must not spread identities. */
export function selectOverdueRequests(sql: Sql, now: Date) {
  return sql<OverdueRequestRow[]>`
    select id, type, status, received_at, due_at
      from public.gdpr_requests
     where status not in ('completed', 'rejected') and due_at < ${now}
     order by due_at`;
}

export interface ConsentPurposeRow {
  purpose: string;
  granted: number;
  withdrawn: number;
  withdrawals_last_30_days: number;
  latest_notice_version: string;
  granted_on_older_notice: number;
}

/** Per purpose: subjects whose latest entry grants or withdraws, and grants on an older notice. */
export function selectConsentByPurpose(sql: Sql, now: Date) {
  return sql<ConsentPurposeRow[]>`
    with latest as (
      select distinct on (subject_id, purpose) subject_id, purpose, granted, notice_version
        from public.gdpr_consent_events order by subject_id, purpose, id desc
    ), notice as (
      select distinct on (purpose) purpose, notice_version
        from public.gdpr_consent_events order by purpose, id desc
    )
    select l.purpose,
           count(*) filter (where l.granted)::int as granted,
           count(*) filter (where not l.granted)::int as withdrawn,
           (select count(*) from public.gdpr_consent_events e
             where e.purpose = l.purpose and not e.granted
               and e.recorded_at > ${now}::timestamptz - interval '30 days')::int
             as withdrawals_last_30_days,
           n.notice_version as latest_notice_version,
           count(*) filter (where l.granted and l.notice_version <> n.notice_version)::int
             as granted_on_older_notice
      from latest l join notice n on n.purpose = l.purpose
     group by l.purpose, n.notice_version
     order by l.purpose`;
}

export function selectConsentTotals(sql: Sql) {
  return sql<{ subjects: number; events: number }[]>`
    select count(distinct subject_id)::int as subjects, count(*)::int as events
      from public.gdpr_consent_events`;
}

/** "schema.table.column" names the data map holds but the schema no longer has. */
export function selectDataMapMissing(sql: Sql) {
  return sql<{ name: string }[]>`select name from public.gdpr_data_map_missing()`;
}

/** Mapped tables without a retention rule. */
export function selectTablesWithoutRetention(sql: Sql) {
  return sql<{ table: string }[]>`
    select table_schema || '.' || table_name as "table"
      from public.gdpr_data_map_tables where retention_days is null order by 1`;
}

export interface RlsRow {
  table: string;
  personal_data: boolean;
}

/** Tables in `public` (where the Data API exposes them) with row level security disabled. */
export function selectTablesWithoutRls(sql: Sql) {
  return sql<RlsRow[]>`
    select c.relname::text as "table",
           exists (select 1 from public.gdpr_data_map_tables m
                    where m.table_schema = 'public' and m.table_name = c.relname) as personal_data
      from pg_class c
     where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
       and not c.relrowsecurity
     order by 1`;
}

export function countPublicTables(sql: Sql) {
  return sql<{ count: number }[]>`
    select count(*)::int as count from pg_class
     where relnamespace = 'public'::regnamespace and relkind in ('r', 'p')`;
}
