import { z } from 'zod';
import { AppError } from '../../../../shared/app-error.ts';
import type { CheckResult } from '../../../../shared/checks/check-result.ts';
import {
  type LintFinding,
  lintMigrationSql,
  lintMigrations,
} from '../../../../shared/migration-lint/lint.ts';
import { defineAction } from '../../_shared/action.ts';
import { readProjectMigrations } from '../migration-files.ts';

export type LintMigrationResult = CheckResult<{
  files: string[];
  statements: number;
  findings: LintFinding[];
}>;

/**
 * Lints SQL passed inline, or the project's own migration files (those not yet applied to this
 * database, or all). Fails on any unsafe pattern; a missing lock_timeout alone warns.
 */
export const lintMigration = defineAction({
  name: 'lint_migration',
  summary: 'Unsafe or non-additive migration patterns, each with line, rule and safe alternative.',
  access: ['authenticated'],
  input: {
    sql: z.string().min(1).max(500_000).optional(),
    migrations: z.enum(['pending', 'all']).optional(),
  },
  async handler({ sql: source, migrations }, { sql }): Promise<LintMigrationResult> {
    if ((source === undefined) === (migrations === undefined)) {
      throw new AppError(400, 'validation_failed', 'give either "sql" or "migrations"', {
        details: { issues: [{ path: 'sql', message: 'exactly one of sql, migrations' }] },
      });
    }
    const files = migrations ? await readProjectMigrations(sql, migrations) : [];
    const report = source !== undefined ? lintMigrationSql(source) : lintMigrations(files);
    return {
      status: report.status,
      value: report.findings.length,
      threshold: 0,
      details: {
        files: files.map((f) => f.name),
        statements: report.statements,
        findings: report.findings,
      },
    };
  },
});
