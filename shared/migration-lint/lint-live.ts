import { withLockTimeout } from '../checks/with-lock-timeout.ts';
import type { Sql } from '../sql/client.ts';
import {
  selectFunctionVolatility,
  selectIndexTables,
  selectLockHolders,
  selectServerMajorVersion,
  selectTableFacts,
  selectValidatedChecks,
} from '../sql/lint-catalog.ts';
import type { LintReport } from './finding.ts';
import { type LintOptions, lintMigrations, type MigrationFile } from './lint.ts';
import { applyFunctionVolatility, applyLiveCatalog, applyNotNullProofs } from './live-catalog.ts';

/**
 * The lint against a live database: the server's own major version decides what a DEFAULT
 * costs, and the tables' sizes and current lock holders decide how bad each lock is.
 */
export async function lintAgainstDatabase(
  sql: Sql,
  files: readonly MigrationFile[],
  options: LintOptions = {},
): Promise<LintReport> {
  const serverVersion = await selectServerMajorVersion(sql);
  const linted = await lintMigrations(files, { ...options, serverVersion });
  const indexes = [...new Set(linted.findings.flatMap((f) => (f.index ? [f.index] : [])))];
  const report = withIndexTables(linted, await selectIndexTables(sql, indexes));
  const tables = [
    ...new Set([
      ...report.findings.flatMap((f) => (f.table ? [f.table] : [])),
      ...report.locks.map((l) => l.table),
    ]),
  ];
  const holders = await selectLockHolders(sql, tables);
  // Size functions take ACCESS SHARE locks: under a lock_timeout, a table someone holds locked
  // reads as unknown (its holder is reported instead) rather than hanging the lint.
  const sized = await withLockTimeout(sql, async (tx) => ({
    status: 'pass' as const,
    value: null,
    threshold: null,
    details: await selectTableFacts(tx, tables),
  }));
  const facts = Array.isArray(sized.details) ? sized.details : [];
  const functions = [...new Set(report.findings.flatMap((f) => (f.function ? [f.function] : [])))];
  const graded = applyLiveCatalog(report, { tables: facts, holders });
  const notNull = report.findings.some((f) => f.rule === 'adding-not-nullable-field');
  const proofs = notNull ? await selectValidatedChecks(sql, tables) : [];
  return applyNotNullProofs(
    applyFunctionVolatility(graded, await selectFunctionVolatility(sql, functions), serverVersion),
    proofs,
    serverVersion,
  );
}

/** DROP INDEX / REINDEX INDEX findings get the index's table, so its size grades them. */
function withIndexTables(
  report: LintReport,
  indexTables: readonly { index: string; table: string }[],
): LintReport {
  if (indexTables.length === 0) return report;
  const tableOf = new Map(indexTables.map((i) => [i.index, i.table]));
  const findings = report.findings.map((f) => {
    const table = f.index && !f.table ? tableOf.get(f.index) : undefined;
    return table ? { ...f, table, message: `${table}: ${f.message}` } : f;
  });
  return { ...report, findings };
}
