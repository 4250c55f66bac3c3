import type { ComplianceReport } from './build-report.ts';
import type { ReportSection } from './types.ts';

/** The report as Markdown, for the file the runbook's compliance script uploads. */
export function reportToMarkdown(report: ComplianceReport): string {
  const lines = [
    `# GDPR compliance report (${report.report_type.replace('_', '-')})`,
    '',
    `- Generated: ${report.generated_at}`,
    `- Status: **${report.status}**`,
    `- Findings: ${Object.entries(report.findings_by_severity)
      .map(([severity, n]) => `${n} ${severity}`)
      .join(', ')}`,
    '',
  ];
  for (const section of report.sections) lines.push(...sectionLines(section));
  return `${lines.join('\n')}\n`;
}

function sectionLines(section: ReportSection): string[] {
  const lines = [`## ${section.title}`, ''];
  for (const [name, value] of Object.entries(section.figures)) {
    if (typeof value !== 'object' || value === null) lines.push(`- ${name}: ${value ?? '—'}`);
  }
  lines.push('');
  if (section.findings.length === 0) return [...lines, 'No findings.', ''];
  lines.push(
    '| id | severity | article | finding | remediation |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const f of section.findings) {
    lines.push(
      `| ${[f.id, f.severity, f.article, f.title, f.remediation].map(cell).join(' | ')} |`,
    );
  }
  return [...lines, ''];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
