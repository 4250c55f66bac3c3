import { type BreachRow, selectBreaches } from '../../../sql/gdpr-breaches.ts';
import { breachTiming } from '../../breach.ts';
import type { Finding, ReportSection, SectionBuilder } from '../types.ts';

/** The breach register against the 72 hours of Art. 33(1). */
export function assessBreaches(breaches: readonly BreachRow[], now: Date): ReportSection {
  const rows = breaches.map((b) => {
    const timing = breachTiming(b, now);
    return {
      breach_id: b.id,
      status: b.status,
      aware_at: b.aware_at.toISOString(),
      notification_due_at: timing.notification_due_at.toISOString(),
      notified_at: b.notified_at?.toISOString() ?? null,
      overdue: timing.overdue,
      notified_on_time: timing.notified_on_time,
      delay_reason_recorded: b.delay_reason !== null,
    };
  });
  const overdue = rows.filter((r) => r.overdue);
  const late = rows.filter((r) => r.notified_on_time === false);
  const findings: Finding[] = [];
  if (overdue.length > 0) {
    findings.push({
      id: 'breaches.notification_overdue',
      severity: 'critical',
      article: 'Art. 33(1)',
      title: `${overdue.length} breach(es) past 72 hours without a notification decision`,
      evidence: { breaches: overdue },
      remediation:
        'Notify the supervisory authority now with the reasons for the delay, or record why the breach is unlikely to result in a risk.',
    });
  }
  const lateUnexplained = late.filter((r) => !r.delay_reason_recorded);
  if (late.length > 0) {
    findings.push({
      id: 'breaches.notified_late',
      severity: lateUnexplained.length > 0 ? 'high' : 'low',
      article: 'Art. 33(1)',
      title: `${late.length} breach(es) notified after 72 hours`,
      evidence: { breaches: late, without_delay_reason: lateUnexplained.length },
      remediation:
        'Record the reasons for each delay and shorten the path from detection to decision.',
    });
  }
  return {
    id: 'breaches',
    title: 'Personal-data breaches',
    figures: {
      total: rows.length,
      awaiting_decision: rows.filter((r) => r.status === 'detected').length,
      overdue: overdue.length,
      notified: rows.filter((r) => r.notified_at !== null).length,
      notified_within_72h: rows.filter((r) => r.notified_on_time === true).length,
      notified_late: late.length,
      not_required: rows.filter((r) => r.status === 'not_required').length,
      breaches: rows,
    },
    findings,
  };
}

export const breachesSection: SectionBuilder = async ({ sql, now }) =>
  assessBreaches(await selectBreaches(sql, null, 1000), now);
