/** How bad a finding is: `error` fails the gate, `warning` warns, `info` is shown and passes. */
export type LintSeverity = 'error' | 'warning' | 'info';

/**
 * What kind of risk a rule names. Only `lock` rules depend on the table's size: the live
 * catalog downgrades them on an empty table and confirms them on a big one.
 */
export type RuleCategory = 'lock' | 'breaking' | 'transaction' | 'style' | 'meta' | 'live';

export interface RuleInfo {
  severity: LintSeverity;
  category: RuleCategory;
  /** The table lock the statement takes (PostgreSQL docs, "Explicit Locking"), if any. */
  lock: string | null;
  why: string;
  safe_alternative: string;
  /** Style rules, as in squawk, are off unless the configuration enables them. */
  opt_in?: boolean;
}
