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

/** Built-ins known to be VOLATILE: no need to ask the database about these. */
const VOLATILE = new Set([
  'random',
  'random_normal',
  'gen_random_uuid',
  'gen_random_bytes',
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  'uuidv4',
  'uuidv7',
  'clock_timestamp',
  'timeofday',
  'nextval',
  'txid_current',
  'pg_current_xact_id',
]);

/** A function a DEFAULT calls that is not known not to be volatile. */
export interface VolatileCall {
  /** As written, possibly schema-qualified: `extensions.uuid_generate_v4`. */
  name: string;
  /** true: a built-in known to be VOLATILE; false: unknown offline (treated as volatile). */
  known: boolean;
}

/** The first volatile (or unknown) function a default expression calls, if any. */
export function volatileCall(expr: unknown): VolatileCall | undefined {
  let found: VolatileCall | undefined;
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
      const parts = names(body.funcname);
      const name = parts.at(-1)?.toLowerCase() ?? '';
      if (!NOT_VOLATILE.has(name)) {
        found = { name: parts.join('.'), known: VOLATILE.has(name) };
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
