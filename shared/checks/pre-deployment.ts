import type { LintOptions, MigrationFile } from '../migration-lint/lint.ts';
import { lintAgainstDatabase } from '../migration-lint/lint-live.ts';
import type { Sql } from '../sql/client.ts';
import type { CheckResult } from './check-result.ts';
import {
  DATABASE_CHECK_NAMES,
  DATABASE_CHECKS,
  type DatabaseCheckName,
} from './database-checks.ts';
import { migrationLintCheck } from './migration-lint-check.ts';
import { type Verdict, verdictOf } from './verdict.ts';
import { isTransaction, withLockTimeout } from './with-lock-timeout.ts';

export interface PreDeploymentOptions {
  /** Migrations about to be applied, in order: linted as one batch. */
  migrations?: readonly MigrationFile[];
  /** Or one piece of SQL to lint. */
  migrationSql?: string;
  /** Server version override, opt-in rules, exclusions (a config file's content). */
  lintOptions?: LintOptions;
}

export interface PreDeploymentReport extends Verdict {
  checked_at: string;
  duration_ms: number;
  checks: Record<string, CheckResult>;
}

/**
 * Runs every database check (and, when given, lints the migrations about to run) and returns
 * one verdict: `fail` if any check fails, else `warn` if any warns, else `pass`. The deploy
 * orchestrator calls this before a production deployment starts and refuses a `fail` unless the
 * caller overrides it with a reason. `sql` is a pool, or the caller's open transaction (each check
 * then runs in a savepoint). Each check runs with a lock_timeout (see `withLockTimeout`); other errors
 * (the database unreachable) propagate: a gate that cannot look must not say pass.
 */
export async function runPreDeploymentCheck(
  sql: Sql,
  options: PreDeploymentOptions = {},
): Promise<PreDeploymentReport> {
  const started = Date.now();
  const checkedAt = new Date(started).toISOString();
  const run = (name: DatabaseCheckName) =>
    withLockTimeout<CheckResult>(sql, (tx) => DATABASE_CHECKS[name](tx));
  // A pool runs the checks side by side; one transaction (one connection) runs them in turn.
  const results: CheckResult[] = [];
  if (isTransaction(sql)) for (const name of DATABASE_CHECK_NAMES) results.push(await run(name));
  else results.push(...(await Promise.all(DATABASE_CHECK_NAMES.map(run))));
  const checks: Record<string, CheckResult> = Object.fromEntries(
    DATABASE_CHECK_NAMES.map((name, i) => [name, results[i] as CheckResult]),
  );
  const lint = await lintResult(sql, options);
  if (lint) checks.migration_lint = lint;
  return {
    ...verdictOf(checks),
    checked_at: checkedAt,
    duration_ms: Date.now() - started,
    checks,
  };
}

/**
 * The migration lint, on the same engine as `lint_migration` and `rollgate db lint`: PostgreSQL's
 * parser, graded by this database's catalog (table sizes, lock holders, server version).
 */
async function lintResult(sql: Sql, options: PreDeploymentOptions): Promise<CheckResult | null> {
  const files =
    options.migrations ??
    (options.migrationSql === undefined ? null : [{ name: '', sql: options.migrationSql }]);
  if (!files) return null;
  const report = await lintAgainstDatabase(sql, files, options.lintOptions);
  return migrationLintCheck(report, !options.migrations);
}
