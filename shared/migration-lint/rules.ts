/**
 * The rules, modelled on squawk and strong_migrations: what makes a migration unsafe on a live
 * production table (long ACCESS EXCLUSIVE locks, table rewrites, full scans under lock) or
 * non-additive (code still running during a canary breaks when a column or table disappears).
 */
export type RuleId =
  | 'index-without-concurrently'
  | 'add-column-not-null-without-default'
  | 'set-not-null'
  | 'change-column-type'
  | 'drop-column'
  | 'drop-table'
  | 'rename-column'
  | 'rename-table'
  | 'constraint-without-not-valid'
  | 'missing-lock-timeout';

export type LintSeverity = 'error' | 'warning';

export interface RuleInfo {
  severity: LintSeverity;
  why: string;
  safe_alternative: string;
}

const NOT_ADDITIVE =
  'Deploy the code that stops using it first; drop it in a later migration, once no running version reads it (expand/contract).';

export const RULES: Record<RuleId, RuleInfo> = {
  'index-without-concurrently': {
    severity: 'error',
    why: 'CREATE INDEX without CONCURRENTLY blocks every write to the table while the index builds.',
    safe_alternative:
      'CREATE INDEX CONCURRENTLY, in a migration of its own: if it fails it leaves an INVALID index to drop before retrying.',
  },
  'add-column-not-null-without-default': {
    severity: 'error',
    why: 'Adding a NOT NULL column without a DEFAULT fails on any table that has rows.',
    safe_alternative:
      'Add the column nullable (or with a constant DEFAULT, which PostgreSQL 11+ adds without rewriting the table), backfill in batches, then enforce NOT NULL with a CHECK … NOT VALID constraint validated separately.',
  },
  'set-not-null': {
    severity: 'error',
    why: 'SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock.',
    safe_alternative:
      'ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT c in a later transaction; then SET NOT NULL (PostgreSQL 12+ skips the scan when a valid CHECK proves it) and drop c.',
  },
  'change-column-type': {
    severity: 'error',
    why: 'Changing a column type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock (except binary-compatible changes such as varchar(n) to text).',
    safe_alternative:
      'Add a column of the new type, write both, backfill in batches, switch reads, then drop the old column in a later release.',
  },
  'drop-column': {
    severity: 'error',
    why: 'Dropping a column breaks every running version of the code that still reads or writes it.',
    safe_alternative: NOT_ADDITIVE,
  },
  'drop-table': {
    severity: 'error',
    why: 'Dropping a table breaks every running version of the code that still uses it, and cannot be rolled back without a restore.',
    safe_alternative: NOT_ADDITIVE,
  },
  'rename-column': {
    severity: 'error',
    why: 'Renaming a column breaks every running version of the code that uses the old name.',
    safe_alternative:
      'Add the new column, write both, backfill, switch reads, then drop the old column in a later release.',
  },
  'rename-table': {
    severity: 'error',
    why: 'Renaming a table breaks every running version of the code that uses the old name.',
    safe_alternative:
      'Create the new table (or a view under the new name), move the code over, then drop the old name in a later release.',
  },
  'constraint-without-not-valid': {
    severity: 'error',
    why: 'Adding a FOREIGN KEY or CHECK constraint scans every existing row while holding a lock that blocks writes.',
    safe_alternative:
      'ADD CONSTRAINT … NOT VALID (checks new rows only, brief lock), then ALTER TABLE … VALIDATE CONSTRAINT … in a separate transaction (reads and writes continue).',
  },
  'missing-lock-timeout': {
    severity: 'warning',
    why: 'A DDL lock waiting behind a long transaction blocks every query queued after it, with no limit.',
    safe_alternative:
      "SET lock_timeout = '5s' before the first locking statement, so the migration fails fast and can be retried instead of stalling the application.",
  },
};
