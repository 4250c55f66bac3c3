import { AppError } from '../../../../shared/app-error.ts';
import * as contracts from '../../../../shared/contracts/gdpr-compliance.ts';
import { insertLegalHold, selectActiveLegalHold } from '../../../../shared/sql/gdpr-legal-holds.ts';
import { defineAction } from '../../_shared/action.ts';

/** Art. 17(3)(e): data needed for legal claims is kept; erasure and retention skip the subject. */
export const placeLegalHold = defineAction(
  contracts.placeLegalHold,
  async ({ subject_id, reason }, { sql }) => {
    const [existing] = await selectActiveLegalHold(sql, subject_id);
    if (existing) {
      throw new AppError(409, 'legal_hold_exists', 'the subject is already under a legal hold', {
        details: { hold_id: existing.id, placed_at: existing.placed_at },
      });
    }
    const [hold] = await insertLegalHold(sql, subject_id, reason);
    return { hold };
  },
);
