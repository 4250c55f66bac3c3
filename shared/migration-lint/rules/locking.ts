import type { RuleInfo } from '../rule-info.ts';

const AE = 'ACCESS EXCLUSIVE';
const USING_INDEX =
  'CREATE UNIQUE INDEX CONCURRENTLY … in a migration of its own, then ALTER TABLE … ADD CONSTRAINT … USING INDEX … (a brief lock, no scan).';

/** Rules whose danger grows with the table: a long lock or a rewrite of every row. */
export const LOCKING_RULES = {
  'require-concurrent-index-creation': {
    severity: 'error',
    category: 'lock',
    lock: 'SHARE',
    why: 'CREATE INDEX without CONCURRENTLY blocks every write to the table while the index builds.',
    safe_alternative:
      'CREATE INDEX CONCURRENTLY, outside a transaction (with supabase db push: alone in its migration file); if it fails it leaves an INVALID index to drop before retrying.',
  },
  'require-concurrent-index-deletion': {
    severity: 'error',
    category: 'lock',
    lock: AE,
    why: 'DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table, blocking reads and writes until it can run.',
    safe_alternative: 'DROP INDEX CONCURRENTLY, outside a transaction.',
  },
  'require-concurrent-reindex': {
    severity: 'error',
    category: 'lock',
    lock: 'SHARE (ACCESS EXCLUSIVE on the index)',
    why: 'REINDEX without CONCURRENTLY blocks writes to the table and reads that use the index while it rebuilds.',
    safe_alternative: 'REINDEX … CONCURRENTLY (PostgreSQL 12+), outside a transaction.',
  },
  'require-concurrent-partition-detach': {
    severity: 'error',
    category: 'lock',
    lock: AE,
    why: 'DETACH PARTITION without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the parent table.',
    safe_alternative:
      'ALTER TABLE … DETACH PARTITION … CONCURRENTLY (PostgreSQL 14+), outside a transaction.',
  },
  'constraint-missing-not-valid': {
    severity: 'error',
    category: 'lock',
    lock: AE,
    why: 'Adding a CHECK constraint scans every row while holding an ACCESS EXCLUSIVE lock; validating a constraint added NOT VALID in the same transaction holds that lock through the scan too.',
    safe_alternative:
      'ADD CONSTRAINT … NOT VALID (checks new rows only, brief lock), then ALTER TABLE … VALIDATE CONSTRAINT … in a separate transaction (SHARE UPDATE EXCLUSIVE: reads and writes go on).',
  },
  'adding-foreign-key-constraint': {
    severity: 'error',
    category: 'lock',
    lock: 'SHARE ROW EXCLUSIVE (both tables)',
    why: 'Adding a FOREIGN KEY scans the whole table while blocking writes to it and to the referenced table.',
    safe_alternative:
      'ADD CONSTRAINT … FOREIGN KEY … NOT VALID, then VALIDATE CONSTRAINT in a separate transaction. A column added with REFERENCES cannot be NOT VALID: add the column, then the constraint.',
  },
  'adding-field-with-default': {
    severity: 'error',
    category: 'lock',
    lock: AE,
    why: 'This column rewrites the whole table under an ACCESS EXCLUSIVE lock: a volatile DEFAULT (now() is stable and fine; random(), gen_random_uuid(), clock_timestamp(), nextval() are not), serial and identity columns, stored generated columns, or any DEFAULT before PostgreSQL 11.',
    safe_alternative:
      'Add the column nullable without a default, SET DEFAULT for new rows, backfill in batches, then enforce NOT NULL with a CHECK … NOT VALID validated separately.',
  },
  'adding-required-field': {
    severity: 'error',
    category: 'lock',
    lock: AE,
    why: 'Adding a NOT NULL column without a DEFAULT fails on any table that has rows.',
    safe_alternative:
      'Add the column nullable (or NOT NULL with a constant DEFAULT, which PostgreSQL 11+ adds without a rewrite), backfill, then enforce NOT NULL.',
  },
  'adding-not-nullable-field': {
    severity: 'error',
    category: 'lock',
    lock: AE,
    why: 'SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock.',
    safe_alternative:
      'ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT c in a later transaction; then SET NOT NULL (PostgreSQL 12+ skips the scan when a valid CHECK proves it) and drop c.',
  },
  'adding-serial-primary-key-field': {
    severity: 'error',
    category: 'lock',
    lock: AE,
    why: 'Adding a PRIMARY KEY builds its unique index (and checks NOT NULL) under an ACCESS EXCLUSIVE lock.',
    safe_alternative: USING_INDEX,
  },
  'disallowed-unique-constraint': {
    severity: 'error',
    category: 'lock',
    lock: AE,
    why: 'Adding a UNIQUE constraint builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes.',
    safe_alternative: USING_INDEX,
  },
  'adding-exclusion-constraint': {
    severity: 'error',
    category: 'lock',
    lock: AE,
    why: 'Adding an EXCLUDE constraint builds its index and checks every row under an ACCESS EXCLUSIVE lock; it has no NOT VALID and no USING INDEX form.',
    safe_alternative:
      'Create a new table with the constraint and move the data over, or enforce the rule with a trigger on new rows and a separate check of old ones.',
  },
  'changing-column-type': {
    severity: 'error',
    category: 'lock',
    lock: AE,
    why: 'Changing a column type rewrites the table and every index under an ACCESS EXCLUSIVE lock (except binary-compatible changes such as varchar(n) to text or a longer varchar).',
    safe_alternative:
      'Add a column of the new type, write both, backfill in batches, switch reads, then drop the old column in a later release.',
  },
  'table-rewrite': {
    severity: 'error',
    category: 'lock',
    lock: AE,
    why: 'SET TABLESPACE, SET LOGGED / UNLOGGED and SET ACCESS METHOD copy the whole table under an ACCESS EXCLUSIVE lock.',
    safe_alternative:
      'Build a new table in the wanted form and move the data over in batches (or with logical replication), then swap names in a short transaction.',
  },
  'prefer-repack': {
    severity: 'error',
    category: 'lock',
    lock: AE,
    why: 'VACUUM FULL and CLUSTER rewrite the whole table and its indexes under an ACCESS EXCLUSIVE lock.',
    safe_alternative:
      'Plain VACUUM (no lock on reads or writes), pg_repack, or REPACK (CONCURRENTLY) from PostgreSQL 19.',
  },
  'require-concurrent-refresh': {
    severity: 'error',
    category: 'lock',
    lock: AE,
    why: 'REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks every read of the view until the query behind it finishes.',
    safe_alternative:
      'REFRESH MATERIALIZED VIEW CONCURRENTLY (needs a unique index on the view; EXCLUSIVE lock: reads go on).',
  },
  'ban-explicit-lock-table': {
    severity: 'error',
    category: 'lock',
    lock: 'as named (ACCESS EXCLUSIVE by default)',
    why: 'LOCK TABLE holds its lock until the transaction ends; the default mode blocks every read and write.',
    safe_alternative:
      'Take the weakest mode that protects the change (e.g. SHARE ROW EXCLUSIVE), keep the transaction short, and set lock_timeout first.',
  },
} satisfies Record<string, RuleInfo>;
