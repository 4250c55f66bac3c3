import type { RuleInfo } from '../rule-info.ts';

const EXPAND_CONTRACT =
  'Deploy the code that stops using it first; remove it in a later migration, once no running version reads it (expand/contract).';

/** Rules about changes that break code still running during a canary, whatever the table size. */
export const BREAKING_RULES = {
  'ban-drop-column': {
    severity: 'error',
    category: 'breaking',
    lock: 'ACCESS EXCLUSIVE',
    why: 'Dropping a column breaks every running version of the code that still reads or writes it.',
    safe_alternative: EXPAND_CONTRACT,
  },
  'ban-drop-table': {
    severity: 'error',
    category: 'breaking',
    lock: 'ACCESS EXCLUSIVE',
    why: 'Dropping a table breaks every running version of the code that still uses it, and cannot be rolled back without a restore.',
    safe_alternative: EXPAND_CONTRACT,
  },
  'ban-drop-database': {
    severity: 'error',
    category: 'breaking',
    lock: null,
    why: 'DROP DATABASE destroys every table in it; it has no place in a migration.',
    safe_alternative: 'Drop databases by hand, after a backup, never from a migration.',
  },
  'ban-drop-not-null': {
    severity: 'error',
    category: 'breaking',
    lock: 'ACCESS EXCLUSIVE',
    why: 'Dropping NOT NULL lets NULLs reach code (and PL/pgSQL functions) written for a column that never had them.',
    safe_alternative:
      'Keep the column NOT NULL and use a marker value, or add a new nullable column and move readers to it first.',
  },
  'ban-truncate-cascade': {
    severity: 'error',
    category: 'breaking',
    lock: 'ACCESS EXCLUSIVE',
    why: 'TRUNCATE … CASCADE also empties every table that references this one, recursively, which is rarely what was meant.',
    safe_alternative:
      'TRUNCATE the tables you mean by name (RESTRICT, the default, refuses when others reference them), or DELETE in batches.',
  },
  'renaming-column': {
    severity: 'error',
    category: 'breaking',
    lock: 'ACCESS EXCLUSIVE',
    why: 'Renaming a column breaks every running version of the code that uses the old name.',
    safe_alternative:
      'Add the new column, write both, backfill, switch reads, then drop the old column in a later release.',
  },
  'renaming-table': {
    severity: 'error',
    category: 'breaking',
    lock: 'ACCESS EXCLUSIVE',
    why: 'Renaming a table breaks every running version of the code that uses the old name.',
    safe_alternative:
      'Create the new table (or a view under the new name), move the code over, then drop the old name in a later release.',
  },
  'ban-create-domain-with-constraint': {
    severity: 'error',
    category: 'breaking',
    lock: null,
    why: 'A domain with a CHECK constraint makes every later change to that constraint revalidate, and often rewrite, every column using the domain.',
    safe_alternative: 'Use the base type and put the CHECK constraint on the columns themselves.',
  },
  'ban-alter-domain-with-add-constraint': {
    severity: 'error',
    category: 'breaking',
    lock: 'SHARE (every table using the domain)',
    why: 'Adding a constraint to a domain scans every column of every table that uses the domain, blocking writes to all of them.',
    safe_alternative:
      'Put the CHECK constraint on the columns directly, added NOT VALID and validated later.',
  },
  'require-enum-value-ordering': {
    severity: 'warning',
    category: 'breaking',
    lock: null,
    why: "ALTER TYPE … ADD VALUE without BEFORE or AFTER appends the value last, which changes what comparisons such as status < 'approved' return.",
    safe_alternative:
      "ALTER TYPE … ADD VALUE 'x' BEFORE 'y' (or AFTER), placing it where it belongs.",
  },
  'ban-duplicate-column-assignments': {
    severity: 'error',
    category: 'breaking',
    lock: null,
    why: 'An UPDATE that assigns the same column twice fails at run time ("multiple assignments to same column").',
    safe_alternative: 'Assign each column once.',
  },
} satisfies Record<string, RuleInfo>;
