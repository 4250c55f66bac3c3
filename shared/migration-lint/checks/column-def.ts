import { type Fields, fields, location, text } from '../ast.ts';
import type { CheckContext } from '../lint-state.ts';
import { columnConstraints, contype, isSerial, volatileCall } from '../volatility.ts';

/**
 * `ALTER TABLE t ADD COLUMN …` on an existing table: what the new column costs. PostgreSQL 11+
 * stores a non-volatile DEFAULT in the catalog (no rewrite); a volatile one (and serial, identity
 * and stored generated columns) is computed for every existing row, under ACCESS EXCLUSIVE.
 */
export function checkAddColumn(def: unknown, table: string, ctx: CheckContext): void {
  const column = fields(def);
  if (!column) return;
  const name = text(column.colname);
  const at = location(column);
  const constraints = columnConstraints(column);
  const of = (type: string) => constraints.find((c) => contype(c) === type);
  const defaultExpr = of('CONSTR_DEFAULT')?.raw_expr;
  const generated = of('CONSTR_GENERATED');
  const rewrite = rewriteReason(column, defaultExpr, generated, of('CONSTR_IDENTITY'), ctx);
  if (rewrite) {
    const unknown = defaultExpr === undefined ? undefined : volatileCall(defaultExpr);
    const fn = unknown && !unknown.known && rewrite.includes('volatil') ? unknown.name : undefined;
    ctx.hit({ rule: 'adding-field-with-default', at, table, column: name, note: rewrite, fn });
  } else if (of('CONSTR_NOTNULL') && defaultExpr === undefined && !generated) {
    ctx.hit({ rule: 'adding-required-field', at, table, column: name });
  }
  const constraintHits: Record<string, Parameters<CheckContext['hit']>[0]['rule']> = {
    CONSTR_PRIMARY: 'adding-serial-primary-key-field',
    CONSTR_UNIQUE: 'disallowed-unique-constraint',
    CONSTR_FOREIGN: 'adding-foreign-key-constraint',
    CONSTR_CHECK: 'constraint-missing-not-valid',
  };
  for (const c of constraints) {
    const rule = constraintHits[contype(c)];
    if (rule) ctx.hit({ rule, at: location(c), table, column: name });
  }
}

function rewriteReason(
  column: Fields,
  defaultExpr: unknown,
  generated: Fields | undefined,
  identity: Fields | undefined,
  ctx: CheckContext,
): string | undefined {
  if (isSerial(column.typeName)) return 'serial is DEFAULT nextval(), a volatile default';
  if (identity) return 'an identity column fills every existing row from its sequence';
  if (generated && text(generated.generated_kind) !== 'v') {
    return 'a STORED generated column is computed for every existing row';
  }
  if (defaultExpr === undefined) return undefined;
  const volatile = volatileCall(defaultExpr);
  if (volatile?.known) return `DEFAULT ${volatile.name}() is volatile`;
  if (volatile)
    return `DEFAULT ${volatile.name}() is not known offline to be immutable or stable: treated as volatile`;
  if (ctx.state.settings.serverVersion < 11) {
    return `before PostgreSQL 11 any DEFAULT rewrites the table (server ${ctx.state.settings.serverVersion})`;
  }
  return undefined;
}
