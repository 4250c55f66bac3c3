import * as contracts from '../../../../shared/contracts/gdpr-compliance.ts';
import { viewRequest } from '../../../../shared/gdpr/request-view.ts';
import { selectRequests } from '../../../../shared/sql/gdpr-requests.ts';
import { defineAction } from '../../_shared/action.ts';

export const listRequests = defineAction(
  contracts.listRequests,
  async ({ overdue_only, ...filter }, { sql }) => {
    const now = new Date();
    const rows = await selectRequests(sql, filter);
    const requests = rows.map((r) => viewRequest(r, now)).filter((r) => !overdue_only || r.overdue);
    return { requests, overdue: requests.filter((r) => r.overdue).length };
  },
);
