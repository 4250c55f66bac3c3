import type { RuleId } from './rules.ts';
import { alterTable, createIndex, droppedTables } from './statement-shape.ts';

/** One rule broken by one statement, naming the table (and column) concerned. */
export interface Hit {
  rule: RuleId;
  table: string;
  column?: string;
}

const IDENT = `("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
const NOT_A_COLUMN = /^(?:constraint|primary|unique|foreign|check|exclude)$/i;

const ADD_COLUMN = new RegExp(
  String.raw`^add\s+(?:column\s+)?(?:if\s+not\s+exists\s+)?${IDENT}\s+(.*)$`,
  'i',
);
const ALTER_COLUMN = new RegExp(String.raw`^alter\s+(?:column\s+)?${IDENT}\s+(.*)$`, 'i');
const DROP_COLUMN = new RegExp(String.raw`^drop\s+(?:column\s+)?(?:if\s+exists\s+)?${IDENT}`, 'i');
const RENAME_COLUMN = new RegExp(String.raw`^rename\s+(?:column\s+)?${IDENT}\s+to\b`, 'i');
const ADD_CONSTRAINT = new RegExp(
  String.raw`^add\s+(?:constraint\s+${IDENT}\s+)?(foreign\s+key|check)\b`,
  'i',
);

/**
 * What one statement breaks. `newTables` holds tables created earlier in the same migration
 * batch: locking or rewriting a table nobody reads yet is harmless, so those are exempt.
 */
export function detect(code: string, newTables: ReadonlySet<string>): Hit[] {
  const index = createIndex(code);
  if (index) {
    return !index.concurrently && !newTables.has(index.table)
      ? [{ rule: 'index-without-concurrently', table: index.table }]
      : [];
  }
  const dropped = droppedTables(code).filter((t) => !newTables.has(t));
  if (dropped.length > 0) return dropped.map((table) => ({ rule: 'drop-table', table }));
  const alter = alterTable(code);
  if (!alter || newTables.has(alter.table)) return [];
  return alter.actions.flatMap((action) => detectAction(action, alter.table));
}

function detectAction(action: string, table: string): Hit[] {
  if (/^rename\s+to\b/i.test(action)) return [{ rule: 'rename-table', table }];
  const constraint = ADD_CONSTRAINT.exec(action);
  if (constraint) {
    return /\bnot\s+valid\b/i.test(action) ? [] : [{ rule: 'constraint-without-not-valid', table }];
  }
  const add = ADD_COLUMN.exec(action);
  if (add?.[1] && !NOT_A_COLUMN.test(add[1])) {
    const definition = add[2] ?? '';
    const required = /\bnot\s+null\b/i.test(definition) && !/\bdefault\b/i.test(definition);
    return required
      ? [{ rule: 'add-column-not-null-without-default', table, column: unquote(add[1]) }]
      : [];
  }
  const alterColumn = ALTER_COLUMN.exec(action);
  if (alterColumn?.[1]) {
    const column = unquote(alterColumn[1]);
    const change = alterColumn[2] ?? '';
    if (/^set\s+not\s+null\b/i.test(change)) return [{ rule: 'set-not-null', table, column }];
    if (/^(?:set\s+data\s+)?type\b/i.test(change))
      return [{ rule: 'change-column-type', table, column }];
    return [];
  }
  const drop = DROP_COLUMN.exec(action);
  if (drop?.[1] && !/^(?:constraint)$/i.test(drop[1])) {
    return [{ rule: 'drop-column', table, column: unquote(drop[1]) }];
  }
  const rename = RENAME_COLUMN.exec(action);
  if (rename?.[1] && !/^constraint$/i.test(rename[1])) {
    return [{ rule: 'rename-column', table, column: unquote(rename[1]) }];
  }
  return [];
}

/** Does this statement take a lock on a table that already exists (so it needs lock_timeout)? */
export function locksExistingTable(code: string, newTables: ReadonlySet<string>): boolean {
  const index = createIndex(code);
  if (index) return !index.concurrently && !newTables.has(index.table);
  if (droppedTables(code).some((t) => !newTables.has(t))) return true;
  const alter = alterTable(code);
  return alter !== null && !newTables.has(alter.table);
}

function unquote(ident: string): string {
  return ident.startsWith('"') ? ident.slice(1, -1).replace(/""/g, '"') : ident.toLowerCase();
}
