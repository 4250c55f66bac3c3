import {
  type AnsweredRow,
  type OverdueRequestRow,
  type RequestCountRow,
  selectAnsweredRequests,
  selectOverdueRequests,
  selectRequestCounts,
} from '../../../sql/gdpr-report.ts';
import { daysOverdue } from '../../deadlines.ts';
import type { Finding, ReportSection, SectionBuilder } from '../types.ts';

/** Data-subject requests against the Art. 12(3) deadline. */
export function assessRequests(
  counts: readonly RequestCountRow[],
  answered: AnsweredRow,
  overdue: readonly OverdueRequestRow[],
  now: Date,
): ReportSection {
  const byType: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  for (const row of counts) {
    byType[row.type] = (byType[row.type] ?? 0) + row.count;
    byStatus[row.status] = (byStatus[row.status] ?? 0) + row.count;
  }
  const late = answered.answered - answered.on_time;
  const overdueList = overdue.map((r) => ({
    request_id: r.id,
    type: r.type,
    status: r.status,
    due_at: r.due_at.toISOString(),
    days_overdue: daysOverdue(r.due_at, now),
  }));
  const findings: Finding[] = [];
  if (overdueList.length > 0) {
    findings.push({
      id: 'requests.overdue',
      severity: 'high',
      article: 'Art. 12(3)',
      title: `${overdueList.length} data-subject request(s) past the deadline`,
      evidence: { requests: overdueList },
      remediation:
        'Answer these requests now and tell each subject the reasons for the delay; extend open requests within their first month next time.',
    });
  }
  if (late > 0) {
    findings.push({
      id: 'requests.answered_late',
      severity: 'medium',
      article: 'Art. 12(3)',
      title: `${late} request(s) were answered after their deadline`,
      evidence: { answered: answered.answered, on_time: answered.on_time },
      remediation: 'Review why these took longer; staff and automate the request workflow.',
    });
  }
  return {
    id: 'requests',
    title: 'Data-subject requests',
    figures: {
      total: Object.values(byType).reduce((a, b) => a + b, 0),
      by_type: byType,
      by_status: byStatus,
      by_type_and_status: counts,
      answered: answered.answered,
      answered_on_time: answered.on_time,
      on_time_share: answered.answered === 0 ? null : answered.on_time / answered.answered,
      overdue: overdueList,
    },
    findings,
  };
}

export const requestsSection: SectionBuilder = async ({ sql, now }) => {
  const [counts, [answered], overdue] = await Promise.all([
    selectRequestCounts(sql),
    selectAnsweredRequests(sql),
    selectOverdueRequests(sql, now),
  ]);
  return assessRequests(counts, answered ?? { answered: 0, on_time: 0 }, overdue, now);
};
