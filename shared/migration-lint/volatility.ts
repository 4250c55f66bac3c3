import { as, fields, list, names, text, unwrap } from './ast.ts';

/**
 * Functions known not to be VOLATILE (immutable or stable): a DEFAULT made only of these is
 * evaluated once when the column is added, so PostgreSQL 11+ stores it without a rewrite. Any
 * other function is treated as volatile, as squawk does: a rewrite is the safe assumption.
 */
const NOT_VOLATILE = new Set([
  'now',
  'transaction_timestamp',
  'statement_timestamp',
  'current_setting',
  'timezone',
  'lower',
  'upper',
  'length',
  'concat',
  'md5',
  'to_jsonb',
  'to_json',
  'jsonb_build_object',
  'json_build_object',
  'jsonb_build_array',
  'json_build_array',
  'array_fill',
  'make_interval',
  'make_date',
  'to_timestamp',
  'to_date',
  'abs',
  'round',
  'greatest',
  'least',
]);

/** The first volatile function a default expression calls, if any. */
export function volatileCall(expr: unknown): string | undefined {
  let found: string | undefined;
  const visit = (node: unknown): void => {
    if (found) return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    const wrapped = unwrap(node);
    if (!wrapped) return;
    const [kind, body] = wrapped;
    if (kind === 'FuncCall') {
      const name = names(body.funcname).at(-1)?.toLowerCase() ?? '';
      if (!NOT_VOLATILE.has(name)) {
        found = `${name}()`;
        return;
      }
    }
    for (const value of Object.values(body)) {
      if (typeof value === 'object' && value !== null) visit(value);
    }
  };
  visit(expr);
  return found;
}

const SERIAL = new Set(['serial', 'serial4', 'bigserial', 'serial8', 'smallserial', 'serial2']);

/** `serial` and friends: a DEFAULT nextval(), which is volatile. */
export function isSerial(typeName: unknown): boolean {
  const type = names(fields(typeName)?.names);
  return type.length === 1 && SERIAL.has(type[0] ?? '');
}

/** The type's own name (`int4`, `varchar`, …) without the pg_catalog qualifier. */
export function typeNameOf(typeName: unknown): string {
  return names(fields(typeName)?.names).at(-1) ?? '';
}

/** The constraints of a ColumnDef, unwrapped. */
export function columnConstraints(columnDef: unknown): Record<string, unknown>[] {
  return list(fields(columnDef)?.constraints).flatMap((c) => {
    const body = as(c, 'Constraint');
    return body ? [body] : [];
  });
}

export function contype(constraint: Record<string, unknown>): string {
  return text(constraint.contype) ?? '';
}
