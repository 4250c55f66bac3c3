import * as contracts from '../../../../shared/contracts/gdpr-compliance.ts';
import { decideExtension } from '../../../../shared/gdpr/request-extension.ts';
import { viewRequest } from '../../../../shared/gdpr/request-view.ts';
import { updateRequest } from '../../../../shared/sql/gdpr-requests.ts';
import { defineAction } from '../../_shared/action.ts';
import { lockedRequest } from '../locked-request.ts';

/** Art. 12(3): extends the deadline by one or two months, with the reason recorded. */
export const extendRequest = defineAction(
  contracts.extendRequest,
  async ({ request_id, months, reason }, { sql }) => {
    const row = await sql.begin(async (tx) => {
      const request = await lockedRequest(tx, request_id);
      const extension = decideExtension(request, months, new Date());
      const [updated] = await updateRequest(tx, request_id, {
        status: 'extended',
        extension_months: extension.extension_months,
        extension_reason: reason,
        due_at: extension.due_at,
      });
      return updated;
    });
    if (!row) throw new Error('update returned no request');
    return { request: viewRequest(row, new Date()) };
  },
);
