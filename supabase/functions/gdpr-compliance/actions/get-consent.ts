import * as contracts from '../../../../shared/contracts/gdpr-compliance.ts';
import { currentConsent } from '../../../../shared/gdpr/consent.ts';
import { selectConsentHistory } from '../../../../shared/sql/gdpr-consent.ts';
import { defineAction } from '../../_shared/action.ts';

export const getConsent = defineAction(
  contracts.getConsent,
  async ({ subject_id, purpose }, { sql }) => {
    const history = await selectConsentHistory(sql, subject_id, purpose ?? null);
    return { subject_id, purposes: currentConsent(history), history };
  },
);
