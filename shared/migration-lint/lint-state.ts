import type { Fields } from './ast.ts';
import type { ParsedStatement } from './parser.ts';
import type { RuleId } from './rules.ts';
import type { SourceText } from './source-text.ts';

/** One rule broken by one statement: where (a byte offset in the statement's tree), and on what. */
export interface Hit {
  rule: RuleId;
  /** Byte offset relative to the statement's `byteBase` (a node `location`); else its start. */
  at?: number | undefined;
  /** `schema.table` the rule is about, for the live catalog and the new-table exemption. */
  table?: string | undefined;
  column?: string | undefined;
  /** What exactly was seen, e.g. the volatile function or the new type. */
  note?: string | undefined;
  /** A function whose volatility only the database knows (the live lint asks pg_proc). */
  fn?: string | undefined;
  /** `schema.index` of DROP INDEX / REINDEX INDEX: the live lint finds its table. */
  index?: string | undefined;
}

export interface LintSettings {
  /** Major version of the target server (PostgreSQL 11 made constant defaults cheap). */
  serverVersion: number;
  /**
   * The migration tool runs each file as one transaction, as `supabase db push` does (default):
   * CONCURRENTLY then works only alone in its file, and BEGIN/COMMIT in the file nest.
   */
  assumeInTransaction: boolean;
  /** Opt-in (style) rules switched on. */
  enabled: ReadonlySet<RuleId>;
}

/** What the lint knows while it walks a batch of migrations in order. */
export interface LintState {
  settings: LintSettings;
  /** Tables created earlier in the batch: nobody reads them yet, so locking them is harmless. */
  newTables: Set<string>;
  /** Per file: */
  fileStatements: number;
  explicitTransaction: boolean;
  lockTimeout: boolean;
  statementTimeout: boolean;
  timeoutsReported: boolean;
  /** `schema.table.constraint` added NOT VALID in the current transaction. */
  notValid: Set<string>;
}

export function inTransaction(state: LintState): boolean {
  return state.explicitTransaction || state.settings.assumeInTransaction;
}

/**
 * Why a CONCURRENTLY statement cannot run here, if it cannot: inside BEGIN … COMMIT, or in a file
 * the tool runs as one transaction. `supabase db push` does that, so a CONCURRENTLY statement
 * works only alone in its file (supabase/cli#2898).
 */
export function concurrentlyBlocked(state: LintState): string | undefined {
  if (state.explicitTransaction) return 'inside BEGIN … COMMIT';
  if (state.settings.assumeInTransaction && state.fileStatements > 1) {
    return 'the migration tool runs each file as one transaction (supabase db push does): give this statement a file of its own';
  }
  return undefined;
}

export interface CheckContext {
  source: SourceText;
  statement: ParsedStatement;
  state: LintState;
  hit(hit: Hit): void;
  /** Marks the statement as taking a lock on an existing table (timeouts then matter). */
  locks(table: string): void;
}

export type Check = (body: Fields, ctx: CheckContext) => void;
