import { z } from 'zod';
import { insertConsentEvent } from '../../../../shared/sql/gdpr-consent.ts';
import { defineAction } from '../../_shared/action.ts';

/** Appends to the consent ledger; a withdrawal (Art. 7(3)) is a new entry, never an edit. */
export const recordConsent = defineAction({
  name: 'record_consent',
  summary: 'Records a subject granting or withdrawing consent for one purpose (append-only).',
  access: 'admin',
  input: {
    subject_id: z.string().min(1).max(200),
    purpose: z.string().min(1).max(200),
    status: z.enum(['granted', 'withdrawn']),
    notice_version: z.string().min(1).max(100),
    source: z.string().min(1).max(200),
  },
  async handler(input, { sql }) {
    const [event] = await insertConsentEvent(sql, {
      subject_id: input.subject_id,
      purpose: input.purpose,
      granted: input.status === 'granted',
      notice_version: input.notice_version,
      source: input.source,
    });
    return { event };
  },
});
