import type { RuleInfo } from '../rule-info.ts';

const styleRule = (why: string, safe_alternative: string): RuleInfo => ({
  severity: 'warning',
  category: 'style',
  lock: null,
  why,
  safe_alternative,
  opt_in: true,
});

/** squawk's style rules: off unless the configuration's `enable` names them. */
export const STYLE_RULES = {
  'prefer-bigint-over-int': styleRule(
    'A 32-bit integer key runs out at 2,147,483,647, and widening it later rewrites the table.',
    'Use bigint (or bigint generated always as identity).',
  ),
  'prefer-bigint-over-smallint': styleRule(
    'smallint runs out at 32,767, and widening it later rewrites the table.',
    'Use bigint.',
  ),
  'prefer-identity': styleRule(
    'serial creates a sequence the column does not own in the standard way; identity columns are the SQL-standard replacement.',
    'bigint generated always as identity.',
  ),
  'prefer-text-field': styleRule(
    'Changing a varchar(n) limit later needs an ACCESS EXCLUSIVE lock; text with a CHECK on length() can be changed with NOT VALID.',
    'text, with CHECK (length(col) <= n) if a limit matters.',
  ),
  'prefer-timestamptz': styleRule(
    'timestamp without time zone stores wall-clock times with no zone, which breaks when servers or clients change zone.',
    'timestamptz.',
  ),
  'ban-char-field': styleRule(
    'char(n) pads with spaces and is no faster than text.',
    'text (or varchar).',
  ),
  'prefer-robust-stmts': styleRule(
    'A migration that fails half way cannot be re-run when its statements are not idempotent.',
    'CREATE … IF NOT EXISTS, DROP … IF EXISTS, ADD COLUMN IF NOT EXISTS, CREATE INDEX CONCURRENTLY IF NOT EXISTS.',
  ),
  'require-table-schema': styleRule(
    'An unqualified table name depends on search_path at the time the migration runs.',
    'Qualify names: public.orders.',
  ),
} satisfies Record<string, RuleInfo>;
