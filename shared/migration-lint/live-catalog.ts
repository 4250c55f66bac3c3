import type { LockHolder, TableFacts } from '../sql/lint-catalog.ts';
import { type LintFinding, type LintReport, statusOf } from './finding.ts';
import { RULES } from './rules.ts';

export interface LiveCatalog {
  tables: readonly TableFacts[];
  holders: readonly LockHolder[];
}

export interface SeverityThresholds {
  /** At or below this heap size a lock is brief: the finding warns instead of failing. */
  smallBytes: number;
  /** A transaction open this long on a table the migration locks fails the gate. */
  longTransactionSeconds: number;
}

export const DEFAULT_THRESHOLDS: SeverityThresholds = {
  smallBytes: 8 * 1024 * 1024,
  longTransactionSeconds: 5,
};

const REWRITES = new Set([
  'changing-column-type',
  'adding-field-with-default',
  'table-rewrite',
  'prefer-repack',
]);

/**
 * What squawk cannot know: grades each lock-or-rewrite finding by the table it touches now. An
 * empty table is `info` (the lock lasts microseconds), a small one `warning`, anything larger
 * stays an `error` and says how big. Rewrites name the indexes rebuilt with the table. A
 * session holding or queued for a lock on such a table adds `blocked-by-long-transaction`.
 */
export function applyLiveCatalog(
  report: LintReport,
  catalog: LiveCatalog,
  thresholds: SeverityThresholds = DEFAULT_THRESHOLDS,
): LintReport {
  const facts = new Map(catalog.tables.map((t) => [t.table, t]));
  const blocked = new Set<string>();
  const findings: LintFinding[] = [];
  for (const finding of report.findings) {
    const info = RULES[finding.rule];
    const concerned = finding.table && (info.category === 'lock' || info.category === 'breaking');
    if (!concerned) {
      findings.push(finding);
      continue;
    }
    const table = facts.get(finding.table as string);
    findings.push(table ? withFacts(finding, table, info.category, thresholds) : finding);
    const holder = holderOf(catalog.holders, finding.table as string, thresholds);
    if (holder && !blocked.has(holder.table)) {
      blocked.add(holder.table);
      const rule = RULES['blocked-by-long-transaction'];
      findings.push({
        ...finding,
        rule: 'blocked-by-long-transaction',
        severity: rule.severity,
        lock: holder.mode,
        message: blockedMessage(holder.table, holder),
        safe_alternative: rule.safe_alternative,
      });
    }
  }
  for (const lock of report.locks) {
    const holder = holderOf(catalog.holders, lock.table, thresholds);
    if (!holder || blocked.has(lock.table)) continue;
    blocked.add(lock.table);
    const rule = RULES['blocked-by-long-transaction'];
    findings.push({
      ...(lock.file === undefined ? {} : { file: lock.file }),
      line: lock.line,
      column: lock.column,
      rule: 'blocked-by-long-transaction',
      severity: rule.severity,
      message: blockedMessage(lock.table, holder),
      lock: holder.mode,
      safe_alternative: rule.safe_alternative,
      statement: lock.statement,
      table: lock.table,
    });
  }
  return { ...report, status: statusOf(findings), findings };
}

function holderOf(
  holders: readonly LockHolder[],
  table: string,
  thresholds: SeverityThresholds,
): LockHolder | undefined {
  return holders.find(
    (h) => h.table === table && (!h.granted || h.xact_seconds >= thresholds.longTransactionSeconds),
  );
}

function blockedMessage(table: string, holder: LockHolder): string {
  const state = holder.granted ? 'held' : 'waiting';
  return `${table}: ${RULES['blocked-by-long-transaction'].why} (pid ${holder.pid}, ${holder.mode} ${state}, transaction open ${Math.round(holder.xact_seconds)} s)`;
}

function withFacts(
  finding: LintFinding,
  table: TableFacts,
  category: string,
  thresholds: SeverityThresholds,
): LintFinding {
  const graded = category === 'lock' ? grade(finding, table, thresholds) : finding;
  return {
    ...graded,
    live: {
      table_bytes: table.total_bytes,
      rows: Math.max(0, table.rows),
      indexes: table.indexes,
      index_bytes: table.index_bytes,
    },
  };
}

function grade(
  finding: LintFinding,
  table: TableFacts,
  thresholds: SeverityThresholds,
): LintFinding {
  const size = `${formatBytes(table.total_bytes)}, ~${Math.max(0, Math.round(table.rows))} rows`;
  const rewrites = REWRITES.has(finding.rule)
    ? `, ${table.indexes} index(es) (${formatBytes(table.index_bytes)}) rebuilt with it`
    : '';
  if (table.heap_bytes === 0) {
    return {
      ...finding,
      severity: 'info',
      message: `${finding.message} Live: the table is empty, so the lock is brief.`,
    };
  }
  if (table.heap_bytes <= thresholds.smallBytes) {
    return {
      ...finding,
      severity: 'warning',
      message: `${finding.message} Live: small table (${size}${rewrites}).`,
    };
  }
  return { ...finding, severity: 'error', message: `${finding.message} Live: ${size}${rewrites}.` };
}

export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

export interface FunctionVolatility {
  name: string;
  schema: string;
  volatility: string;
}

/**
 * Settles what the SQL alone cannot: a DEFAULT calling a function unknown offline. When every
 * function of that name in the database is IMMUTABLE or STABLE, PostgreSQL 11+ evaluates the
 * default once and adds the column without a rewrite: the finding becomes `info`.
 */
export function applyFunctionVolatility(
  report: LintReport,
  functions: readonly FunctionVolatility[],
  serverVersion: number,
): LintReport {
  const findings = report.findings.map((finding) => {
    if (!finding.function) return finding;
    const [schema, name] = finding.function.includes('.')
      ? (finding.function.split('.') as [string, string])
      : [undefined, finding.function];
    const matches = functions.filter((f) => f.name === name && (!schema || f.schema === schema));
    if (matches.length === 0) return finding;
    const volatile = matches.some((f) => f.volatility === 'v');
    if (volatile) {
      return { ...finding, message: `${finding.message} Live: ${finding.function}() is VOLATILE.` };
    }
    if (serverVersion < 11) return finding;
    return {
      ...finding,
      severity: 'info' as const,
      message: `${finding.message} Live: ${finding.function}() is ${matches.every((f) => f.volatility === 'i') ? 'IMMUTABLE' : 'STABLE'} here, so the column is added without a rewrite.`,
    };
  });
  return { ...report, status: statusOf(findings), findings };
}

/**
 * SET NOT NULL scans the table unless a validated `CHECK (col IS NOT NULL)` already proves it
 * (PostgreSQL 12+): the safe alternative, done. Then the finding is `info`.
 */
export function applyNotNullProofs(
  report: LintReport,
  checks: readonly { table: string; definition: string }[],
  serverVersion: number,
): LintReport {
  if (serverVersion < 12) return report;
  const findings = report.findings.map((finding) => {
    if (finding.rule !== 'adding-not-nullable-field' || !finding.column_name) return finding;
    const column = finding.column_name;
    const proof = checks.find(
      (c) => c.table === finding.table && provesNotNull(c.definition, column),
    );
    if (!proof) return finding;
    return {
      ...finding,
      severity: 'info' as const,
      message: `${finding.message} Live: the validated ${proof.definition} proves it, so PostgreSQL 12+ skips the scan.`,
    };
  });
  return { ...report, status: statusOf(findings), findings };
}

function provesNotNull(definition: string, column: string): boolean {
  const quoted = /^[a-z_][a-z0-9_$]*$/.test(column) ? column : `"${column.replace(/"/g, '""')}"`;
  return definition.replace(/\s+/g, ' ') === `CHECK ((${quoted} IS NOT NULL))`;
}
