/** A node of libpg_query's JSON parse tree: `{ "NodeType": { …fields } }`, fields untyped. */
export type Fields = Record<string, unknown>;

export function fields(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Fields)
    : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `{ "ColumnDef": {…} }` → ['ColumnDef', {…}]. */
export function unwrap(node: unknown): [string, Fields] | undefined {
  const wrapper = fields(node);
  if (!wrapper) return undefined;
  const kind = Object.keys(wrapper)[0];
  const body = kind === undefined ? undefined : fields(wrapper[kind]);
  return kind !== undefined && body ? [kind, body] : undefined;
}

/** The body of `node` when it is of `kind`. */
export function as(node: unknown, kind: string): Fields | undefined {
  return fields(fields(node)?.[kind]);
}

/** `[{String: {sval: 'pg_catalog'}}, {String: {sval: 'int4'}}]` → ['pg_catalog', 'int4']. */
export function names(value: unknown): string[] {
  return list(value).flatMap((n) => {
    const s = text(as(n, 'String')?.sval);
    return s === undefined ? [] : [s];
  });
}

/** A RangeVar as `schema.name` (`public` when unqualified: the default search_path). */
export function tableKey(rangeVar: Fields | undefined): string {
  if (!rangeVar) return '';
  const schema = text(rangeVar.schemaname) || 'public';
  return `${schema}.${text(rangeVar.relname) ?? ''}`;
}

/** The byte offset a node carries (`location`), if any. */
export function location(body: Fields | undefined): number | undefined {
  const at = body?.location;
  return typeof at === 'number' && at >= 0 ? at : undefined;
}

/** Does a DefElem list (VACUUM, REINDEX options) carry `name` (and not `= false`)? */
export function hasOption(options: unknown, name: string): boolean {
  return list(options).some((o) => {
    const def = as(o, 'DefElem');
    if (def?.defname !== name) return false;
    const arg = as(def.arg, 'Boolean') ?? as(def.arg, 'String');
    return !(arg && (arg.boolval === false || arg.sval === 'false' || arg.sval === 'off'));
  });
}
