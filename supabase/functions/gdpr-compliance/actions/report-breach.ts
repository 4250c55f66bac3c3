import { AppError } from '../../../../shared/app-error.ts';
import * as contracts from '../../../../shared/contracts/gdpr-compliance.ts';
import { viewBreach } from '../../../../shared/gdpr/breach-view.ts';
import { breachNotificationDueAt } from '../../../../shared/gdpr/deadlines.ts';
import { insertBreach } from '../../../../shared/sql/gdpr-breaches.ts';
import { defineAction } from '../../_shared/action.ts';

/** Records a personal-data breach (Art. 33(5)); the 72 hours run from when it became known. */
export const reportBreach = defineAction(contracts.reportBreach, async (input, { sql }) => {
  const now = new Date();
  const awareAt = new Date(input.aware_at);
  const occurredAt = input.occurred_at ? new Date(input.occurred_at) : null;
  if (awareAt > now || (occurredAt && occurredAt > awareAt)) {
    throw new AppError(
      422,
      'impossible_dates',
      'aware_at must be past, and occurred_at before it',
      {
        details: { aware_at: input.aware_at, occurred_at: input.occurred_at ?? null },
      },
    );
  }
  const [row] = await insertBreach(sql, {
    ...input,
    aware_at: awareAt,
    occurred_at: occurredAt,
    likely_consequences: input.likely_consequences ?? null,
    measures_taken: input.measures_taken ?? null,
    notification_due_at: breachNotificationDueAt(awareAt),
  });
  if (!row) throw new Error('insert returned no breach');
  return { breach_id: row.id, breach: viewBreach(row, now) };
});
