import { z } from 'zod';
import { BREACH_STATUSES } from '../../../../shared/gdpr/breach.ts';
import { viewBreach } from '../../../../shared/gdpr/breach-view.ts';
import { selectBreaches } from '../../../../shared/sql/gdpr-breaches.ts';
import { defineAction } from '../../_shared/action.ts';

export const listBreaches = defineAction({
  name: 'list_breaches',
  summary: 'The breach register, each flagged overdue when 72 hours passed without a decision.',
  access: 'admin',
  input: {
    status: z.enum(BREACH_STATUSES).optional(),
    limit: z.number().int().min(1).max(1000).default(100),
  },
  async handler({ status, limit }, { sql }) {
    const now = new Date();
    const breaches = (await selectBreaches(sql, status ?? null, limit)).map((b) =>
      viewBreach(b, now),
    );
    return { breaches, overdue: breaches.filter((b) => b.overdue).length };
  },
});
