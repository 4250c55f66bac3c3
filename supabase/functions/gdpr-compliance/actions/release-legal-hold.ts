import { AppError } from '../../../../shared/app-error.ts';
import * as contracts from '../../../../shared/contracts/gdpr-compliance.ts';
import { releaseLegalHold as release } from '../../../../shared/sql/gdpr-legal-holds.ts';
import { defineAction } from '../../_shared/action.ts';

export const releaseLegalHold = defineAction(
  contracts.releaseLegalHold,
  async ({ subject_id, reason }, { sql }) => {
    const [hold] = await release(sql, subject_id, reason);
    if (!hold) throw new AppError(404, 'not_found', 'the subject has no active legal hold');
    return { hold };
  },
);
