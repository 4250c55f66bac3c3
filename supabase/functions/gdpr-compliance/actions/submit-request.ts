import { AppError } from '../../../../shared/app-error.ts';
import * as contracts from '../../../../shared/contracts/gdpr-compliance.ts';
import { requestDueAt } from '../../../../shared/gdpr/deadlines.ts';
import { viewRequest } from '../../../../shared/gdpr/request-view.ts';
import { insertRequest } from '../../../../shared/sql/gdpr-requests.ts';
import { defineAction } from '../../_shared/action.ts';

/** Clocks disagree a little; a receipt further in the future than this is a mistake. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Registers a data-subject request. The month of Art. 12(3) runs from receipt, which may be
 * earlier than now (a letter opened today, a request received by the support desk last week).
 */
export const submitRequest = defineAction(contracts.submitRequest, async (input, { sql }) => {
  const now = new Date();
  const receivedAt = input.received_at ? new Date(input.received_at) : now;
  if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new AppError(422, 'received_in_future', 'received_at lies in the future', {
      details: { received_at: receivedAt.toISOString(), now: now.toISOString() },
    });
  }
  const [row] = await insertRequest(sql, {
    type: input.type,
    subject_id: input.subject_id,
    received_at: receivedAt,
    due_at: requestDueAt(receivedAt),
    notes: input.notes ?? null,
  });
  if (!row) throw new Error('insert returned no request');
  return { request_id: row.id, due_at: row.due_at, request: viewRequest(row, now) };
});
