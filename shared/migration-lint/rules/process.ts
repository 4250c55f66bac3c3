import type { RuleInfo } from '../rule-info.ts';

/** Rules about how the migration runs: transactions, timeouts, and the lint itself. */
export const PROCESS_RULES = {
  'require-lock-timeout': {
    severity: 'warning',
    category: 'transaction',
    lock: null,
    why: 'A DDL lock waiting behind a long transaction blocks every query queued after it, with no limit.',
    safe_alternative:
      "SET lock_timeout = '5s' before the first statement that locks an existing table, so the migration fails fast and can be retried instead of stalling the application.",
  },
  'require-statement-timeout': {
    severity: 'warning',
    category: 'transaction',
    lock: null,
    why: 'Without statement_timeout a slow DDL statement holds its locks for as long as it takes.',
    safe_alternative:
      "SET statement_timeout = '…' before the first locking statement (long enough for the work, short enough to protect the application).",
  },
  'ban-concurrent-index-creation-in-transaction': {
    severity: 'error',
    category: 'transaction',
    lock: null,
    why: 'CONCURRENTLY cannot run inside a transaction block: the migration fails.',
    safe_alternative:
      'Put the CONCURRENTLY statement alone in a migration file of its own (supabase db push runs each file as one transaction), with no BEGIN … COMMIT around it.',
  },
  'transaction-nesting': {
    severity: 'warning',
    category: 'transaction',
    lock: null,
    why: 'PostgreSQL has no nested transactions: a second BEGIN is ignored with a warning, and the first COMMIT ends everything.',
    safe_alternative:
      'One BEGIN … COMMIT per migration, or none when the tool wraps each migration in a transaction.',
  },
  'ban-uncommitted-transaction': {
    severity: 'error',
    category: 'transaction',
    lock: null,
    why: 'A BEGIN without COMMIT leaves the migration uncommitted: it appears to run, then rolls back when the session closes.',
    safe_alternative: 'End the transaction with COMMIT.',
  },
  'syntax-error': {
    severity: 'error',
    category: 'meta',
    lock: null,
    why: 'PostgreSQL’s parser refuses this statement: the migration would fail here.',
    safe_alternative: 'Fix the SQL; the message and position come from PostgreSQL’s own parser.',
  },
  'identifier-too-long': {
    severity: 'error',
    category: 'meta',
    lock: null,
    why: 'PostgreSQL silently truncates identifiers longer than 63 bytes, so the object gets a name other than the one written (and two long names can collide).',
    safe_alternative: 'Use a name of at most 63 bytes.',
  },
  'exclusion-without-reason': {
    severity: 'error',
    category: 'meta',
    lock: null,
    why: 'A lint exclusion must say why the flagged statement is safe here.',
    safe_alternative:
      'Write `-- rollgate-lint-ignore <rule>: <why this is safe>` (or a "reason" in the config file).',
  },
  'exclusion-unknown-rule': {
    severity: 'error',
    category: 'meta',
    lock: null,
    why: 'This exclusion names a rule that does not exist, so it excludes nothing.',
    safe_alternative: 'Use a rule id from docs/migration-lint.md.',
  },
  'unused-exclusion': {
    severity: 'warning',
    category: 'meta',
    lock: null,
    why: 'This exclusion matches no finding: the statement it protected changed, or the comment is misplaced.',
    safe_alternative:
      'Remove the exclusion, or put it on the line just before the statement it is about.',
  },
  'blocked-by-long-transaction': {
    severity: 'error',
    category: 'live',
    lock: null,
    why: 'A transaction that holds (or waits for) a lock on this table is open now: the migration’s lock would queue behind it, and every query on the table would queue behind the migration.',
    safe_alternative:
      'Wait for (or end) that transaction, and set lock_timeout so the migration gives up instead of stalling the table.',
  },
} satisfies Record<string, RuleInfo>;
