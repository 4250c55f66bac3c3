import { AppError } from '../../../../shared/app-error.ts';
import * as contracts from '../../../../shared/contracts/gdpr-compliance.ts';
import { assertBreachTransition } from '../../../../shared/gdpr/breach.ts';
import { viewBreach } from '../../../../shared/gdpr/breach-view.ts';
import {
  type BreachChange,
  selectBreachForUpdate,
  updateBreach as update,
} from '../../../../shared/sql/gdpr-breaches.ts';
import { defineAction } from '../../_shared/action.ts';

/**
 * Records the notification decision: `notified` (when; after 72 hours only with the reasons for
 * the delay, Art. 33(1)), `not_required` (with the assessment why no risk is likely), `closed`.
 */
export const updateBreach = defineAction(contracts.updateBreach, async (input, { sql }) => {
  const now = new Date();
  const row = await sql.begin(async (tx) => {
    const [breach] = await selectBreachForUpdate(tx, input.breach_id);
    if (!breach) throw new AppError(404, 'not_found', `no breach ${input.breach_id}`);
    assertBreachTransition(breach.status, input.status);
    const change: BreachChange = { status: input.status };
    if (input.measures_taken) change.measures_taken = input.measures_taken;
    if (input.status === 'not_required') {
      if (!input.assessment) throw rule('assessment_required', 'say why no risk is likely');
      change.assessment = input.assessment;
    }
    if (input.status === 'notified') {
      const notifiedAt = input.notified_at ? new Date(input.notified_at) : now;
      if (notifiedAt > breach.notification_due_at && !input.delay_reason) {
        throw rule('delay_reason_required', 'a notification after 72 hours needs delay_reason');
      }
      change.notified_at = notifiedAt;
      if (input.delay_reason) change.delay_reason = input.delay_reason;
    }
    const [updated] = await update(tx, input.breach_id, change);
    return updated;
  });
  if (!row) throw new Error('update returned no breach');
  return { breach: viewBreach(row, now) };
});

function rule(code: string, message: string) {
  return new AppError(422, code, message);
}
