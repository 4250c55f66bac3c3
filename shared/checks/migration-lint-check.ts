import type { LintFinding, LintReport } from '../migration-lint/finding.ts';
import type { CheckResult } from './check-result.ts';

export interface MigrationLintCheck
  extends CheckResult<{ files: string[]; statements: number; findings: LintFinding[] }> {
  value: number;
  threshold: number;
}

/**
 * A lint report as a check (lint_migration's answer, pre_deployment_check's `migration_lint`):
 * its findings counted against a threshold of 0. SQL passed inline has no file names.
 */
export function migrationLintCheck(report: LintReport, inline: boolean): MigrationLintCheck {
  const findings = inline
    ? report.findings.map(({ file: _file, ...rest }) => rest)
    : report.findings;
  return {
    status: report.status,
    value: findings.length,
    threshold: 0,
    details: { files: inline ? [] : report.files, statements: report.statements, findings },
  };
}
