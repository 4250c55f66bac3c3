import { z } from 'zod';
import { currentConsent } from '../../../../shared/gdpr/consent.ts';
import { selectConsentHistory } from '../../../../shared/sql/gdpr-consent.ts';
import { defineAction } from '../../_shared/action.ts';

export const getConsent = defineAction({
  name: 'get_consent',
  summary: 'A subject’s current consent per purpose and the full ledger behind it.',
  access: 'admin',
  input: {
    subject_id: z.string().min(1).max(200),
    purpose: z.string().min(1).max(200).optional(),
  },
  async handler({ subject_id, purpose }, { sql }) {
    const history = await selectConsentHistory(sql, subject_id, purpose ?? null);
    return { subject_id, purposes: currentConsent(history), history };
  },
});
