import { loadModule, parseSync, scanSync } from 'libpg-query';
import { type Fields, fields, list, text, unwrap } from './ast.ts';
import type { SourceText } from './source-text.ts';

/** One statement as PostgreSQL's own parser (libpg_query, compiled to WebAssembly) reads it. */
export interface ParsedStatement {
  kind: string;
  body: Fields;
  /** Character offsets: the first token, and the end (before the semicolon). */
  start: number;
  end: number;
  /** Byte offset that the node `location`s of this statement are relative to. */
  byteBase: number;
}

/** A part of the source the parser refused, with PostgreSQL's message. */
export interface ParseFailure {
  start: number;
  message: string;
}

export interface ParsedSource {
  statements: ParsedStatement[];
  failures: ParseFailure[];
}

let ready: Promise<void> | undefined;

/** Loads the parser's WebAssembly module once; every lint awaits this first. */
export function parserReady(): Promise<void> {
  ready ??= loadModule();
  return ready;
}

interface SqlErrorLike {
  message: string;
  sqlDetails?: { cursorPosition?: number };
}

/**
 * Parses a whole migration in one call (linear in its size). When PostgreSQL refuses it, the
 * source is cut at top-level semicolons by PostgreSQL's own scanner and each piece is parsed on
 * its own, so one bad statement is one failure and the others are still linted.
 */
export function parseSource(source: SourceText): ParsedSource {
  try {
    return { statements: statementsOf(parseSync(source.text), source, 0, 0), failures: [] };
  } catch (error) {
    return parsePieces(source, error as SqlErrorLike);
  }
}

function statementsOf(
  tree: unknown,
  source: SourceText,
  byteBase: number,
  charBase: number,
  charEnd = source.text.length,
): ParsedStatement[] {
  const out: ParsedStatement[] = [];
  for (const raw of list(fields(tree)?.stmts)) {
    const r = fields(raw);
    const node = unwrap(r?.stmt);
    if (!r || !node) continue;
    const from = byteBase + (typeof r.stmt_location === 'number' ? r.stmt_location : 0);
    const len = typeof r.stmt_len === 'number' && r.stmt_len > 0 ? r.stmt_len : undefined;
    const startChar = Math.max(source.charAt(from), charBase);
    const end = len === undefined ? charEnd : source.charAt(from + len);
    out.push({
      kind: node[0],
      body: node[1],
      start: source.skipTrivia(startChar, end),
      end,
      byteBase,
    });
  }
  return out;
}

function parsePieces(source: SourceText, wholeError: SqlErrorLike): ParsedSource {
  const pieces = splitByScanner(source.text);
  if (!pieces) {
    // The scanner itself gave up (an unterminated quote or comment): nothing after it is SQL.
    const at = wholeError.sqlDetails?.cursorPosition ?? 0;
    return { statements: [], failures: [{ start: at, message: wholeError.message }] };
  }
  const statements: ParsedStatement[] = [];
  const failures: ParseFailure[] = [];
  for (const piece of pieces) {
    const start = source.charAt(piece.startByte);
    const end = source.charAt(piece.endByte);
    try {
      const tree = parseSync(source.text.slice(start, end));
      statements.push(...statementsOf(tree, source, piece.startByte, start, end));
    } catch (error) {
      const e = error as SqlErrorLike;
      failures.push({ start: start + (e.sqlDetails?.cursorPosition ?? 0), message: e.message });
    }
  }
  return { statements, failures };
}

interface Piece {
  startByte: number;
  endByte: number;
}

/**
 * Statement boundaries from PostgreSQL's scanner: every top-level `;`, except those inside a
 * `BEGIN ATOMIC … END` function body (where CASE … END nests), as psql splits them.
 */
function splitByScanner(sql: string): Piece[] | null {
  let tokens: unknown[];
  try {
    tokens = list(fields(scanSync(sql))?.tokens);
  } catch {
    return null;
  }
  const pieces: Piece[] = [];
  let startByte = -1;
  let depth = 0;
  let previous = '';
  for (const raw of tokens) {
    const token = fields(raw);
    const name = text(token?.tokenName) ?? '';
    if (name === 'SQL_COMMENT' || name === 'C_COMMENT') continue;
    const word = (text(token?.text) ?? '').toLowerCase();
    const begin = Number(token?.start ?? 0);
    if (name === 'ASCII_59' && depth === 0) {
      if (startByte !== -1) pieces.push({ startByte, endByte: begin });
      startByte = -1;
      previous = ';';
      continue;
    }
    if (startByte === -1) startByte = begin;
    if (word === 'atomic' && previous === 'begin') depth++;
    else if (depth > 0 && word === 'case') depth++;
    else if (depth > 0 && word === 'end') depth--;
    previous = word;
  }
  if (startByte !== -1) pieces.push({ startByte, endByte: new TextEncoder().encode(sql).length });
  return pieces;
}
