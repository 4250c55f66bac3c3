import { migrationLintCheck } from '../../../../shared/checks/migration-lint-check.ts';
import * as contracts from '../../../../shared/contracts/database-scalability.ts';
import { lintMigrations, type MigrationFile } from '../../../../shared/migration-lint/lint.ts';
import { lintAgainstDatabase } from '../../../../shared/migration-lint/lint-live.ts';
import { defineAction } from '../../_shared/action.ts';
import { appliedMigrationFiles, exactlyOne, optionsOf } from '../lint-input.ts';

/**
 * The CPU one lint request may spend: under hosted's 2 s per request, and several times what the
 * largest migration the body limit admits takes (BENCHMARKS.md, "No request starves the others").
 */
export const LINT_CPU_BUDGET_MS = 1500;

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
    return migrationLintCheck(report, source !== undefined);
  },
);
