import type { CheckStatus } from '../checks/check-result.ts';
import type { LintSeverity, RuleId } from './rules.ts';

export interface LiveFacts {
  table_bytes: number;
  rows: number;
  indexes: number;
  index_bytes: number;
}

/** One rule broken at one place of one migration. */
export interface LintFinding {
  /** The migration file, when linting files; absent for SQL passed inline. */
  file?: string;
  /** 1-based, from the parse tree (columns in characters). */
  line: number;
  column: number;
  rule: RuleId;
  severity: LintSeverity;
  message: string;
  /** The table lock the statement takes, from PostgreSQL's documentation. */
  lock: string | null;
  safe_alternative: string;
  /** The offending statement, shortened to 200 characters. */
  statement: string;
  /** `schema.table` concerned, when known. */
  table?: string;
  /** The column concerned, when there is one. */
  column_name?: string;
  /** `schema.index` of DROP INDEX / REINDEX INDEX (the live lint resolves its table). */
  index?: string;
  /** What the live catalog said about that table, when it was consulted. */
  live?: LiveFacts;
  /** A DEFAULT's function whose volatility is unknown offline (the live lint looks it up). */
  function?: string;
}

/** A statement that locks a table that already exists (the live lint checks its lock queue). */
export interface LockedTable {
  table: string;
  file?: string;
  line: number;
  column: number;
  statement: string;
}

export interface LintReport {
  status: CheckStatus;
  findings: LintFinding[];
  statements: number;
  files: string[];
  /** Existing tables the migration locks, first statement each. */
  locks: LockedTable[];
}

export function statusOf(findings: readonly LintFinding[]): CheckStatus {
  if (findings.some((f) => f.severity === 'error')) return 'fail';
  return findings.some((f) => f.severity === 'warning') ? 'warn' : 'pass';
}
