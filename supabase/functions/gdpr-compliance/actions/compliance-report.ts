import { z } from 'zod';
import { buildComplianceReport } from '../../../../shared/gdpr/report/build-report.ts';
import { reportToMarkdown } from '../../../../shared/gdpr/report/markdown.ts';
import { REPORT_TYPES } from '../../../../shared/gdpr/report/types.ts';
import { defineAction } from '../../_shared/action.ts';

/**
 * The report the runbook requests before (`deployment`) and after (`post_deployment`) a
 * production deployment, and on a schedule (`periodic`). Service role only: it lists request
 * ids, breach details and the tables exposed without RLS.
 */
export const complianceReport = defineAction({
  name: 'compliance_report',
  summary: 'Findings on requests, consent, retention, breaches and RLS; JSON or Markdown.',
  access: 'admin',
  input: {
    report_type: z.enum(REPORT_TYPES),
    format: z.enum(['json', 'markdown']).default('json'),
  },
  async handler({ report_type, format }, { sql }) {
    const report = await buildComplianceReport(sql, { reportType: report_type });
    return format === 'markdown' ? { ...report, markdown: reportToMarkdown(report) } : report;
  },
});
