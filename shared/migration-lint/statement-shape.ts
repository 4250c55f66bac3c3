/**
 * Just enough structure of a DDL statement for the lint rules: which table it touches and, for
 * ALTER TABLE, its comma-separated actions. Works on a statement's `code` (literals blanked).
 */

const IDENT = `(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
const NAME = String.raw`${IDENT}(?:\s*\.\s*${IDENT})?`;

const CREATE_TABLE = new RegExp(
  String.raw`^create\s+(?:(?:global\s+|local\s+)?(?:temp|temporary|unlogged)\s+)?table\s+(?:if\s+not\s+exists\s+)?(${NAME})`,
  'i',
);
const ALTER_TABLE = new RegExp(
  String.raw`^alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?(${NAME})\s*\*?\s+(.*)$`,
  'i',
);
const CREATE_INDEX = new RegExp(
  String.raw`^create\s+(?:unique\s+)?index\s+(concurrently\s+)?(?:if\s+not\s+exists\s+)?(?:${NAME}\s+)?on\s+(?:only\s+)?(${NAME})`,
  'i',
);
const DROP_TABLE = new RegExp(
  String.raw`^drop\s+table\s+(?:if\s+exists\s+)?(${NAME}(?:\s*,\s*${NAME})*)`,
  'i',
);

/**
 * A table name as PostgreSQL resolves it: unquoted parts fold to lower case, quotes are removed,
 * and the default `public.` schema is dropped so `Users`, `public.users` and `"users"` are equal.
 */
export function tableKey(name: string): string {
  const parts = (name.match(new RegExp(IDENT, 'g')) ?? []).map((part) =>
    part.startsWith('"') ? part.slice(1, -1).replace(/""/g, '"') : part.toLowerCase(),
  );
  if (parts.length === 2 && parts[0] === 'public') parts.shift();
  return parts.join('.');
}

export function createdTable(code: string): string | null {
  const match = CREATE_TABLE.exec(code);
  return match?.[1] ? tableKey(match[1]) : null;
}

export interface AlterTable {
  table: string;
  actions: string[];
}

export function alterTable(code: string): AlterTable | null {
  const match = ALTER_TABLE.exec(code);
  if (!match?.[1] || match[2] === undefined) return null;
  return { table: tableKey(match[1]), actions: splitTopLevel(match[2]) };
}

export interface CreateIndex {
  table: string;
  concurrently: boolean;
}

export function createIndex(code: string): CreateIndex | null {
  const match = CREATE_INDEX.exec(code);
  if (!match?.[2]) return null;
  return { table: tableKey(match[2]), concurrently: Boolean(match[1]) };
}

export function droppedTables(code: string): string[] {
  const match = DROP_TABLE.exec(code);
  if (!match?.[1]) return [];
  return splitTopLevel(match[1]).map(tableKey);
}

/** `set [local] lock_timeout …` or `set_config('lock_timeout', …)`, with a value other than 0. */
export function setsLockTimeout(text: string): boolean {
  const set = /^set\s+(?:local\s+|session\s+)?lock_timeout\s*(?:=|to)\s*'?\s*([^';\s]+)/i.exec(
    text,
  );
  if (set?.[1]) return !/^0+(?:ms|s)?$/i.test(set[1]) && set[1].toLowerCase() !== 'default';
  return /set_config\s*\(\s*'lock_timeout'\s*,\s*'(?!0+(?:ms|s)?')[^']+'/i.test(text);
}

/** Splits on commas outside parentheses: `add a int, add b int check (b in (1, 2))`. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}
