import type { CheckStatus } from '../checks/check-result.ts';
import { detect, type Hit, locksExistingTable } from './detect.ts';
import { type LintSeverity, RULES, type RuleId } from './rules.ts';
import { splitStatements } from './split-statements.ts';
import { createdTable, setsLockTimeout } from './statement-shape.ts';

export interface LintFinding {
  /** The migration file, when linting files; absent for SQL passed inline. */
  file?: string;
  line: number;
  rule: RuleId;
  severity: LintSeverity;
  message: string;
  safe_alternative: string;
  /** The offending statement, shortened to 200 characters. */
  statement: string;
}

export interface MigrationFile {
  name: string;
  sql: string;
}

export interface LintReport {
  status: CheckStatus;
  findings: LintFinding[];
  statements: number;
}

/**
 * Lints migrations in the order they will run. A table created by an earlier statement (or an
 * earlier file of the batch) is new: nobody reads it yet, so locking it is harmless.
 */
export function lintMigrations(files: readonly MigrationFile[]): LintReport {
  const newTables = new Set<string>();
  const findings: LintFinding[] = [];
  let statements = 0;
  for (const file of files) {
    const result = lintOne(file.sql, newTables, file.name);
    findings.push(...result.findings);
    statements += result.statements;
  }
  return { status: statusOf(findings), findings, statements };
}

/** Lints one piece of SQL on its own (no file name, no tables known to be new). */
export function lintMigrationSql(sql: string): LintReport {
  const { findings, statements } = lintOne(sql, new Set());
  return { status: statusOf(findings), findings, statements };
}

function lintOne(sql: string, newTables: Set<string>, file?: string) {
  const findings: LintFinding[] = [];
  const statements = splitStatements(sql);
  let lockTimeoutSet = false;
  let lockTimeoutReported = false;
  for (const statement of statements) {
    if (setsLockTimeout(statement.text)) lockTimeoutSet = true;
    const at = { line: statement.line, statement: shorten(statement.text), file };
    if (!lockTimeoutSet && !lockTimeoutReported && locksExistingTable(statement.code, newTables)) {
      lockTimeoutReported = true;
      findings.push(finding({ rule: 'missing-lock-timeout', table: '' }, at));
    }
    for (const hit of detect(statement.code, newTables)) findings.push(finding(hit, at));
    const created = createdTable(statement.code);
    if (created) newTables.add(created);
  }
  return { findings, statements: statements.length };
}

function finding(
  hit: Hit,
  at: { line: number; statement: string; file: string | undefined },
): LintFinding {
  const rule = RULES[hit.rule];
  const target = hit.column ? `${hit.table}.${hit.column}` : hit.table;
  return {
    ...(at.file === undefined ? {} : { file: at.file }),
    line: at.line,
    rule: hit.rule,
    severity: rule.severity,
    message: target ? `${target}: ${rule.why}` : rule.why,
    safe_alternative: rule.safe_alternative,
    statement: at.statement,
  };
}

function statusOf(findings: readonly LintFinding[]): CheckStatus {
  if (findings.some((f) => f.severity === 'error')) return 'fail';
  return findings.length > 0 ? 'warn' : 'pass';
}

function shorten(text: string): string {
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
