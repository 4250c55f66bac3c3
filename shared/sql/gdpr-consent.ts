import type { Sql } from './client.ts';

export interface ConsentEventRow {
  id: number;
  subject_id: string;
  purpose: string;
  granted: boolean;
  notice_version: string;
  source: string;
  recorded_at: Date;
}

/** What a caller records; the ledger numbers and timestamps it. */
export type NewConsentEvent = Omit<ConsentEventRow, 'id' | 'recorded_at'>;

export function insertConsentEvent(sql: Sql, event: NewConsentEvent) {
  return sql<ConsentEventRow[]>`
    insert into public.gdpr_consent_events (subject_id, purpose, granted, notice_version, source)
    values (${event.subject_id}, ${event.purpose}, ${event.granted}, ${event.notice_version},
            ${event.source})
    returning id::int, subject_id, purpose, granted, notice_version, source, recorded_at`;
}

/** The subject's ledger in the order it was written (optionally for one purpose). */
export function selectConsentHistory(sql: Sql, subjectId: string, purpose: string | null) {
  return sql<ConsentEventRow[]>`
    select id::int, subject_id, purpose, granted, notice_version, source, recorded_at
      from public.gdpr_consent_events
     where subject_id = ${subjectId} and (${purpose}::text is null or purpose = ${purpose})
     order by id`;
}
