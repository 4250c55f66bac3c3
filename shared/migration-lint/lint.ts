import { AppError } from '../app-error.ts';
import { CHECKS } from './checks/statements.ts';
import { asRuleIds, type ConfigExclusion, fileMatches } from './config.ts';
import { type Exclusion, inlineExclusions } from './exclusions.ts';
import { type LintFinding, type LintReport, type LockedTable, statusOf } from './finding.ts';
import type { Hit, LintSettings, LintState } from './lint-state.ts';
import { type ParsedStatement, parserReady, parseSource } from './parser.ts';
import { isRuleId, RULES, type RuleId } from './rules.ts';
import { SourceText } from './source-text.ts';

export type { LintFinding, LintReport } from './finding.ts';

export interface MigrationFile {
  name: string;
  sql: string;
}

export interface LintOptions {
  /** Major version of the target server; the live catalog's when known (default 15). */
  serverVersion?: number;
  /** Each file runs as one transaction, as with `supabase db push` (default true). */
  assumeInTransaction?: boolean;
  /** Opt-in rules to run as well. */
  enable?: readonly string[];
  /** Exclusions from a config file; `configName` names it in findings about them. */
  exclusions?: readonly ConfigExclusion[];
  configName?: string;
  /**
   * A CPU budget in milliseconds: linting stops with a 422 once it is spent (checked between
   * statements). Requests pass one, so no migration can hold the function past hosted's 2 s of
   * CPU or stall the requests sharing its event loop; the CLI linting files on disk does not.
   */
  budgetMs?: number;
}

/** Supabase's current major version: the target when nothing better is known. */
export const DEFAULT_SERVER_VERSION = 15;

/**
 * Lints migrations in the order they will run, with PostgreSQL's own parser. A table created by
 * an earlier statement (or file) of the batch is new: nobody reads it yet, so locking it is
 * harmless. Linear in the size of the SQL: one parse per file, one walk per statement.
 */
export async function lintMigrations(
  files: readonly MigrationFile[],
  options: LintOptions = {},
): Promise<LintReport> {
  await parserReady();
  const settings: LintSettings = {
    serverVersion: options.serverVersion ?? DEFAULT_SERVER_VERSION,
    assumeInTransaction: options.assumeInTransaction ?? true,
    enabled: new Set(asRuleIds(options.enable)),
  };
  const state: LintState = {
    settings,
    newTables: new Set(),
    fileStatements: 0,
    explicitTransaction: false,
    lockTimeout: false,
    statementTimeout: false,
    timeoutsReported: false,
    notValid: new Set(),
  };
  const budget = new CpuBudget(options.budgetMs);
  const configExclusions = (options.exclusions ?? []).map((e) => ({ ...e, used: false }));
  const findings: LintFinding[] = [];
  const locks = new Map<string, LockedTable>();
  let statements = 0;
  for (const file of files) {
    const result = await lintFile(file, state, configExclusions, budget);
    findings.push(...result.findings);
    for (const lock of result.locks) if (!locks.has(lock.table)) locks.set(lock.table, lock);
    statements += result.statements;
  }
  findings.push(...configProblems(configExclusions, options.configName));
  return {
    status: statusOf(findings),
    findings,
    statements,
    files: files.map((f) => f.name),
    locks: [...locks.values()],
  };
}

/** Lints one piece of SQL on its own (no file name). */
export async function lintMigrationSql(
  sql: string,
  options: LintOptions = {},
): Promise<LintReport> {
  const report = await lintMigrations([{ name: '', sql }], options);
  return {
    ...report,
    files: [],
    findings: report.findings.map(({ file: _file, ...rest }) => rest),
    locks: report.locks.map(({ file: _file, ...rest }) => rest),
  };
}

type LiveExclusion = ConfigExclusion & { used: boolean };

/**
 * The lint's share of the CPU. It works in slices of SLICE_MS and yields to the event loop
 * between them, so requests sharing the loop (every function, locally) are answered meanwhile;
 * only the time inside its own slices counts against the budget, and once that is spent it stops
 * with a 422. Without a budget (the CLI linting files on disk) it still yields, and never stops.
 */
export const SLICE_MS = 10;

class CpuBudget {
  private spent = 0;
  private sliceStart = performance.now();

  constructor(private readonly budgetMs: number | undefined) {}

  /** Called between statements: yields once the slice is used up, throws once the budget is. */
  async between(statement: number, of: number): Promise<void> {
    const elapsed = performance.now() - this.sliceStart;
    if (elapsed < SLICE_MS) return;
    this.spent += elapsed;
    if (this.budgetMs !== undefined && this.spent > this.budgetMs) {
      const ms = this.budgetMs;
      throw new AppError(
        422,
        'lint_budget_exceeded',
        `linting stopped after ${ms} ms of CPU at statement ${statement + 1} of ${of}: lint the migration in parts`,
        { details: { budget_ms: ms, statement: statement + 1, statements: of } },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.sliceStart = performance.now();
  }
}

async function lintFile(
  file: MigrationFile,
  state: LintState,
  config: LiveExclusion[],
  budget: CpuBudget,
) {
  const source = new SourceText(file.sql);
  const parsed = parseSource(source);
  Object.assign(state, {
    fileStatements: parsed.statements.length,
    explicitTransaction: false,
    lockTimeout: false,
    statementTimeout: false,
    timeoutsReported: false,
  });
  state.notValid.clear();
  const raw: { offset: number; index: number; hit: Hit; statement?: ParsedStatement }[] = [];
  parsed.failures.forEach((f) => {
    raw.push({ offset: f.start, index: -1, hit: { rule: 'syntax-error', note: f.message } });
  });
  const name = file.name || undefined;
  const locks: LockedTable[] = [];
  for (const [index, statement] of parsed.statements.entries()) {
    await budget.between(index, parsed.statements.length);
    const { hits, locked } = walk(statement, state, source);
    if (locked.length) {
      const { line, column } = source.position(statement.start);
      const text = shorten(
        source.text.slice(statement.start, Math.min(statement.end, statement.start + 400)),
      );
      for (const table of locked) {
        locks.push({
          table,
          ...(name === undefined ? {} : { file: name }),
          line,
          column,
          statement: text,
        });
      }
    }
    for (const hit of hits) {
      const offset =
        hit.at === undefined ? statement.start : source.charAt(statement.byteBase + hit.at);
      raw.push({ offset, index, hit, statement });
    }
  }
  const last = parsed.statements.at(-1);
  if (state.explicitTransaction && last) {
    raw.push({
      offset: last.start,
      index: parsed.statements.length - 1,
      hit: { rule: 'ban-uncommitted-transaction' },
      statement: last,
    });
  }
  // After a parse failure statement ranges have gaps that are not trivia: scan the whole file.
  const inline = inlineExclusions(source, parsed.failures.length ? null : parsed.statements);
  // Each exclusion indexed once by the statement it covers: matching stays linear.
  const byStatement = new Map<number, Exclusion[]>();
  const fileWide: Exclusion[] = [];
  for (const e of inline.exclusions) {
    if (e.scope === 'file') fileWide.push(e);
    else {
      const index = statementIndexAt(parsed.statements, e.offset);
      byStatement.set(index, [...(byStatement.get(index) ?? []), e]);
    }
  }
  const configForFile = config.filter(
    (e) =>
      e.reason && (!e.files || e.files.some((p) => name !== undefined && fileMatches(p, name))),
  );
  const findings: { offset: number; finding: LintFinding }[] = [];
  for (const r of raw) {
    const covers = (e: Exclusion) => e.rules.includes(r.hit.rule);
    const excluded =
      byStatement.get(r.index)?.find(covers) ??
      fileWide.find(covers) ??
      configForFile.find((e) => e.rule === r.hit.rule);
    if (excluded) {
      excluded.used = true;
      continue;
    }
    findings.push({
      offset: r.offset,
      finding: toFinding(r.hit, source, r.offset, r.statement, name),
    });
  }
  for (const p of inline.problems) {
    findings.push({
      offset: p.offset,
      finding: toFinding({ rule: p.rule, note: p.note }, source, p.offset, undefined, name),
    });
  }
  for (const e of inline.exclusions.filter((x) => !x.used && x.rules.every(isRuleId))) {
    findings.push({
      offset: e.offset,
      finding: toFinding(
        { rule: 'unused-exclusion', note: e.rules.join(', ') },
        source,
        e.offset,
        undefined,
        name,
      ),
    });
  }
  findings.sort((a, b) => a.offset - b.offset);
  return { findings: findings.map((f) => f.finding), statements: parsed.statements.length, locks };
}

/** Runs the statement's checks, keeping what applies (opt-in rules, tables not new). */
function walk(
  statement: ParsedStatement,
  state: LintState,
  source: SourceText,
): { hits: Hit[]; locked: string[] } {
  const hits: Hit[] = [];
  const locked: string[] = [];
  let locking = false;
  const existing = (table: string | undefined) => !table || !state.newTables.has(table);
  CHECKS[statement.kind]?.(statement.body, {
    source,
    statement,
    state,
    hit(h) {
      const info = RULES[h.rule];
      if (info.opt_in && !state.settings.enabled.has(h.rule)) return;
      if ((info.category === 'lock' || info.category === 'breaking') && !existing(h.table)) return;
      hits.push(h);
    },
    locks(table) {
      if (!existing(table)) return;
      locking = true;
      if (table && !locked.includes(table)) locked.push(table);
    },
  });
  if (locking && !state.timeoutsReported) {
    const missing: RuleId[] = [];
    if (!state.lockTimeout) missing.push('require-lock-timeout');
    if (!state.statementTimeout) missing.push('require-statement-timeout');
    if (missing.length) state.timeoutsReported = true;
    hits.unshift(...missing.map((rule) => ({ rule })));
  }
  return { hits, locked };
}

/** The statement an inline exclusion at `offset` is about: the one it is in, or the next. */
function statementIndexAt(statements: readonly ParsedStatement[], offset: number): number {
  let lo = 0;
  let hi = statements.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((statements[mid] as ParsedStatement).end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function toFinding(
  hit: Hit,
  source: SourceText,
  offset: number,
  statement: ParsedStatement | undefined,
  file: string | undefined,
): LintFinding {
  const info = RULES[hit.rule];
  const { line, column } = source.position(offset);
  const target = hit.column && hit.table ? `${hit.table}.${hit.column}` : (hit.table ?? hit.column);
  const why = hit.note ? `${info.why} (${hit.note})` : info.why;
  return {
    ...(file === undefined ? {} : { file }),
    line,
    column,
    rule: hit.rule,
    severity: info.severity,
    message: target ? `${target}: ${why}` : why,
    lock: info.lock,
    safe_alternative: info.safe_alternative,
    statement: statement
      ? shorten(source.text.slice(statement.start, Math.min(statement.end, statement.start + 400)))
      : '',
    ...(hit.table ? { table: hit.table } : {}),
    ...(hit.column ? { column_name: hit.column } : {}),
    ...(hit.fn ? { function: hit.fn } : {}),
    ...(hit.index ? { index: hit.index } : {}),
  };
}

function configProblems(
  exclusions: readonly LiveExclusion[],
  configName: string | undefined,
): LintFinding[] {
  const file = configName ?? 'rollgate-lint.json';
  return exclusions.flatMap((e, i) => {
    const rule: RuleId | null = !e.reason?.trim()
      ? 'exclusion-without-reason'
      : !isRuleId(e.rule)
        ? 'exclusion-unknown-rule'
        : !e.used
          ? 'unused-exclusion'
          : null;
    if (!rule) return [];
    const info = RULES[rule];
    return [
      {
        file,
        line: 1,
        column: 1,
        rule,
        severity: info.severity,
        message: `exclusions[${i}] (${e.rule}): ${info.why}`,
        lock: null,
        safe_alternative: info.safe_alternative,
        statement: '',
      },
    ];
  });
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 197)}...` : flat;
}
