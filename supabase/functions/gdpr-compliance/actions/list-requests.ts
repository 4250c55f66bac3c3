import { z } from 'zod';
import { REQUEST_STATUSES, REQUEST_TYPES } from '../../../../shared/gdpr/request-lifecycle.ts';
import { viewRequest } from '../../../../shared/gdpr/request-view.ts';
import { selectRequests } from '../../../../shared/sql/gdpr-requests.ts';
import { defineAction } from '../../_shared/action.ts';

export const listRequests = defineAction({
  name: 'list_requests',
  summary: 'Data-subject requests, most urgent first, each flagged overdue past its deadline.',
  access: 'admin',
  input: {
    status: z.enum(REQUEST_STATUSES).optional(),
    type: z.enum(REQUEST_TYPES).optional(),
    subject_id: z.string().min(1).max(200).optional(),
    overdue_only: z.boolean().default(false),
    limit: z.number().int().min(1).max(1000).default(100),
  },
  async handler({ overdue_only, ...filter }, { sql }) {
    const now = new Date();
    const rows = await selectRequests(sql, filter);
    const requests = rows.map((r) => viewRequest(r, now)).filter((r) => !overdue_only || r.overdue);
    return { requests, overdue: requests.filter((r) => r.overdue).length };
  },
});
