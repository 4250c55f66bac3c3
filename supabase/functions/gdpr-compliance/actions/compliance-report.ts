import * as contracts from '../../../../shared/contracts/gdpr-compliance.ts';
import { buildComplianceReport } from '../../../../shared/gdpr/report/build-report.ts';
import { reportToMarkdown } from '../../../../shared/gdpr/report/markdown.ts';
import { defineAction } from '../../_shared/action.ts';

/**
 * The report the runbook requests before (`deployment`) and after (`post_deployment`) a
 * production deployment, and on a schedule (`periodic`). Service role only: it lists request
 * ids, breach details and the tables exposed without RLS.
 */
export const complianceReport = defineAction(
  contracts.complianceReport,
  async ({ report_type, format }, { sql }) => {
    const report = await buildComplianceReport(sql, { reportType: report_type });
    return format === 'markdown' ? { ...report, markdown: reportToMarkdown(report) } : report;
  },
);
