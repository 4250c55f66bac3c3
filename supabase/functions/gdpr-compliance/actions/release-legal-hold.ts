import { z } from 'zod';
import { AppError } from '../../../../shared/app-error.ts';
import { releaseLegalHold as release } from '../../../../shared/sql/gdpr-legal-holds.ts';
import { defineAction } from '../../_shared/action.ts';

export const releaseLegalHold = defineAction({
  name: 'release_legal_hold',
  summary: 'Releases a subject’s active legal hold, with the reason.',
  access: 'admin',
  input: { subject_id: z.string().min(1).max(200), reason: z.string().min(1).max(2000) },
  async handler({ subject_id, reason }, { sql }) {
    const [hold] = await release(sql, subject_id, reason);
    if (!hold) throw new AppError(404, 'not_found', 'the subject has no active legal hold');
    return { hold };
  },
});
