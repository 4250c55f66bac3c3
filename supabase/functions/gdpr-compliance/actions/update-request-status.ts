import { AppError } from '../../../../shared/app-error.ts';
import * as contracts from '../../../../shared/contracts/gdpr-compliance.ts';
import { assertManualTransition } from '../../../../shared/gdpr/request-lifecycle.ts';
import { viewRequest } from '../../../../shared/gdpr/request-view.ts';
import { type RequestChange, updateRequest } from '../../../../shared/sql/gdpr-requests.ts';
import { defineAction } from '../../_shared/action.ts';
import { lockedRequest } from '../locked-request.ts';

/**
 * Moves a request through its lifecycle by hand: verified (identity checked, Art. 12(6)),
 * in_progress, rejected (with the reason the subject must be given, Art. 12(4)), or completed
 * for restriction and objection, which have no execution against the data.
 */
export const updateRequestStatus = defineAction(
  contracts.updateRequestStatus,
  async ({ request_id, status, reason }, { sql }) => {
    if (status === 'rejected' && !reason) {
      throw new AppError(400, 'validation_failed', 'reason: a rejection needs the reason given', {
        details: { issues: [{ path: 'reason', message: 'required when rejecting' }] },
      });
    }
    const row = await sql.begin(async (tx) => {
      const request = await lockedRequest(tx, request_id);
      assertManualTransition(request, status);
      const now = new Date();
      const change: RequestChange = { status };
      if (status === 'verified') change.verified_at = now;
      if (status === 'completed') change.completed_at = now;
      if (status === 'rejected') change.rejection_reason = reason as string;
      const [updated] = await updateRequest(tx, request_id, change);
      return updated;
    });
    if (!row) throw new Error('update returned no request');
    return { request: viewRequest(row, new Date()) };
  },
);
