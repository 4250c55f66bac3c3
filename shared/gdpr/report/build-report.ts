import type { Sql } from '../../sql/client.ts';
import { REPORT_SECTIONS } from './sections.ts';
import type { Finding, ReportSection, ReportType, SectionBuilder, Severity } from './types.ts';

export type ReportStatus = 'compliant' | 'attention_required' | 'non_compliant';

export interface ComplianceReport {
  report_type: ReportType;
  generated_at: string;
  /** non_compliant with any high or critical finding; attention_required with any other. */
  status: ReportStatus;
  findings_by_severity: Record<Severity, number>;
  sections: ReportSection[];
  findings: Finding[];
}

export async function buildComplianceReport(
  sql: Sql,
  options: { reportType: ReportType; now?: Date; sections?: readonly SectionBuilder[] },
): Promise<ComplianceReport> {
  const now = options.now ?? new Date();
  const ctx = { sql, reportType: options.reportType, now };
  const built = await Promise.all((options.sections ?? REPORT_SECTIONS).map((build) => build(ctx)));
  const sections = built.filter((s): s is ReportSection => s !== null);
  const findings = sections.flatMap((s) => s.findings);
  return {
    report_type: options.reportType,
    generated_at: now.toISOString(),
    status: statusOf(findings),
    findings_by_severity: countBySeverity(findings),
    sections,
    findings,
  };
}

export function statusOf(findings: readonly Finding[]): ReportStatus {
  if (findings.some((f) => f.severity === 'high' || f.severity === 'critical')) {
    return 'non_compliant';
  }
  return findings.length > 0 ? 'attention_required' : 'compliant';
}

function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
