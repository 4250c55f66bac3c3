import type { CheckResult } from '../../../../shared/checks/check-result.ts';
import * as contracts from '../../../../shared/contracts/database-scalability.ts';
import {
  type LintFinding,
  lintMigrations,
  type MigrationFile,
} from '../../../../shared/migration-lint/lint.ts';
import { lintAgainstDatabase } from '../../../../shared/migration-lint/lint-live.ts';
import { defineAction } from '../../_shared/action.ts';
import { appliedMigrationFiles, exactlyOne, optionsOf } from '../lint-input.ts';

/**
 * The CPU one lint request may spend: under hosted's 2 s per request, and several times what the
 * largest migration the body limit admits takes (BENCHMARKS.md, "No request starves the others").
 */
export const LINT_CPU_BUDGET_MS = 1500;

export type LintMigrationResult = CheckResult<{
  files: string[];
  statements: number;
  findings: LintFinding[];
}>;

/**
 * Lints SQL passed inline or as files (graded by the live catalog: table sizes, lock holders,
 * the server's version), or the migrations this database already applied (read from the
 * database, as recorded by `supabase db push`). Fails on any error-level finding.
 */
export const lintMigration = defineAction(
  contracts.lintMigration,
  async ({ sql: source, files, migrations, config, live }, { sql }) => {
    exactlyOne({ sql: source !== undefined, files: files !== undefined, migrations: !!migrations });
    const options = { ...optionsOf(config), budgetMs: LINT_CPU_BUDGET_MS };
    let batch: MigrationFile[];
    if (migrations) batch = await appliedMigrationFiles(sql);
    else batch = files ?? [{ name: '', sql: source as string }];
    const report =
      live && !migrations
        ? await lintAgainstDatabase(sql, batch, options)
        : await lintMigrations(batch, options);
    const findings =
      source !== undefined ? report.findings.map(({ file: _f, ...rest }) => rest) : report.findings;
    return {
      status: report.status,
      value: findings.length,
      threshold: 0,
      details: {
        files: source !== undefined ? [] : report.files,
        statements: report.statements,
        findings,
      },
    } satisfies LintMigrationResult;
  },
);
