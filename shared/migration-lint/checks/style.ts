import { type Fields, location, text } from '../ast.ts';
import type { CheckContext } from '../lint-state.ts';
import type { RuleId } from '../rules.ts';
import { isSerial, typeNameOf } from '../volatility.ts';

const TYPE_RULES: Record<string, RuleId> = {
  int4: 'prefer-bigint-over-int',
  int2: 'prefer-bigint-over-smallint',
  varchar: 'prefer-text-field',
  timestamp: 'prefer-timestamptz',
  bpchar: 'ban-char-field',
};

/** squawk's style rules about a column's type (opt-in), and a name PostgreSQL would truncate. */
export function checkStyleOfColumn(column: Fields | undefined, ctx: CheckContext): void {
  if (!column) return;
  const at = location(column);
  const name = text(column.colname);
  checkIdentifier(name, at, ctx);
  if (isSerial(column.typeName)) {
    ctx.hit({ rule: 'prefer-identity', at, column: name });
    const type = typeNameOf(column.typeName);
    if (type === 'serial' || type === 'serial4') {
      ctx.hit({ rule: 'prefer-bigint-over-int', at, column: name });
    }
    return;
  }
  const rule = TYPE_RULES[typeNameOf(column.typeName)];
  if (rule) ctx.hit({ rule, at, column: name });
}

const NAME_PART = /(?:"(?:[^"]|"")*"|[^\s."(),;]+)/y;

/**
 * PostgreSQL truncates identifiers to NAMEDATALEN - 1 = 63 bytes (its scanner already did, so
 * the tree holds at most 63): a 63-byte name is checked against what the source says at `at`.
 */
export function checkIdentifier(
  name: string | undefined,
  at: number | undefined,
  ctx: CheckContext,
): void {
  if (!name || at === undefined || bytes(name) < 60) return;
  const t = ctx.source.text;
  let i = ctx.source.charAt(ctx.statement.byteBase + at);
  const parts: string[] = [];
  for (;;) {
    NAME_PART.lastIndex = i;
    const m = NAME_PART.exec(t);
    if (!m) break;
    parts.push(m[0].startsWith('"') ? m[0].slice(1, -1).replace(/""/g, '"') : m[0]);
    i = NAME_PART.lastIndex;
    if (t[i] !== '.') break;
    i++;
  }
  const long = parts.find((p) => bytes(p) > 63);
  if (long) ctx.hit({ rule: 'identifier-too-long', at, note: `${bytes(long)} bytes: ${name}…` });
}

function bytes(s: string): number {
  return new TextEncoder().encode(s).length;
}
