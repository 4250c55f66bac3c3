import {
  type ConsentPurposeRow,
  selectConsentByPurpose,
  selectConsentTotals,
} from '../../../sql/gdpr-report.ts';
import type { Finding, ReportSection, SectionBuilder } from '../types.ts';

/** Consent figures per purpose; grants given under an older notice than the current one. */
export function assessConsent(
  purposes: readonly ConsentPurposeRow[],
  totals: { subjects: number; events: number },
): ReportSection {
  const findings: Finding[] = purposes
    .filter((p) => p.granted_on_older_notice > 0)
    .map((p) => ({
      id: `consent.outdated_notice.${p.purpose}`,
      severity: 'low',
      article: 'Art. 7(1)',
      title: `${p.granted_on_older_notice} subject(s) consented to "${p.purpose}" under an older notice`,
      evidence: {
        purpose: p.purpose,
        subjects: p.granted_on_older_notice,
        current_notice_version: p.latest_notice_version,
      },
      remediation:
        'If the notice changed what the subject agrees to, ask these subjects to consent again under the current notice.',
    }));
  return {
    id: 'consent',
    title: 'Consent',
    figures: {
      subjects: totals.subjects,
      events: totals.events,
      granted: purposes.reduce((n, p) => n + p.granted, 0),
      withdrawn: purposes.reduce((n, p) => n + p.withdrawn, 0),
      purposes,
    },
    findings,
  };
}

export const consentSection: SectionBuilder = async ({ sql, now }) => {
  const [purposes, [totals]] = await Promise.all([
    selectConsentByPurpose(sql, now),
    selectConsentTotals(sql),
  ]);
  return assessConsent(purposes, totals ?? { subjects: 0, events: 0 });
};
