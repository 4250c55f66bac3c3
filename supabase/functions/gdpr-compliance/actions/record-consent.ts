import * as contracts from '../../../../shared/contracts/gdpr-compliance.ts';
import { insertConsentEvent } from '../../../../shared/sql/gdpr-consent.ts';
import { defineAction } from '../../_shared/action.ts';

/** Appends to the consent ledger; a withdrawal (Art. 7(3)) is a new entry, never an edit. */
export const recordConsent = defineAction(contracts.recordConsent, async (input, { sql }) => {
  const [event] = await insertConsentEvent(sql, {
    subject_id: input.subject_id,
    purpose: input.purpose,
    granted: input.status === 'granted',
    notice_version: input.notice_version,
    source: input.source,
  });
  return { event };
});
