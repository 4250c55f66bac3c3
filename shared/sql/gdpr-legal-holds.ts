import type { Sql } from './client.ts';

export interface LegalHoldRow {
  id: string;
  subject_id: string;
  reason: string;
  placed_at: Date;
  released_at: Date | null;
  release_reason: string | null;
}

export function selectActiveLegalHold(sql: Sql, subjectId: string) {
  return sql<LegalHoldRow[]>`
    select * from public.gdpr_legal_holds where subject_id = ${subjectId} and released_at is null`;
}

/** At most one active hold per subject: a second one conflicts (unique index). */
export function insertLegalHold(sql: Sql, subjectId: string, reason: string) {
  return sql<LegalHoldRow[]>`
    insert into public.gdpr_legal_holds (subject_id, reason) values (${subjectId}, ${reason})
    returning *`;
}

export function releaseLegalHold(sql: Sql, subjectId: string, reason: string) {
  return sql<LegalHoldRow[]>`
    update public.gdpr_legal_holds set released_at = now(), release_reason = ${reason}
     where subject_id = ${subjectId} and released_at is null
    returning *`;
}
