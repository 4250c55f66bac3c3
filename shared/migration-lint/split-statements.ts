/** One top-level SQL statement of a migration file, as the server would receive it. */
export interface SqlStatement {
  /** 1-based line of the statement's first token (not of comments or blank lines before it). */
  line: number;
  /** The statement's text without comments, whitespace collapsed. */
  text: string;
  /**
   * The same with the contents of string literals and dollar-quoted bodies blanked ('' and
   * $$ $$): words inside them are data, or code run later (a function body), never DDL that this
   * statement executes. Rules match against this.
   */
  code: string;
}

/**
 * Splits SQL on top-level semicolons. It understands what can hide a semicolon or a keyword:
 * 'strings' (with '' escapes), E'strings' (with backslash escapes), "identifiers",
 * $tag$ dollar quotes $tag$ (function bodies), -- line comments and nested /* block comments *\/.
 * Line numbers count every newline, including those inside strings and comments.
 */
export function splitStatements(source: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let text = '';
  let code = '';
  let line = 1;
  let startLine = 0;
  let i = 0;
  // Appends source[i, end) to the statement (`code` gets `masked` instead) and moves past it.
  const take = (end: number, masked?: string, comment = false) => {
    const chunk = source.slice(i, end);
    if (!comment && startLine === 0 && chunk.trim() !== '') startLine = line;
    text += comment ? ' ' : chunk;
    code += masked ?? chunk;
    for (const ch of chunk) if (ch === '\n') line++;
    i = end;
  };

  while (i < source.length) {
    const ch = source[i] as string;
    const before = text[text.length - 1] ?? ' ';
    if (source.startsWith('--', i)) {
      const newline = source.indexOf('\n', i);
      take(newline === -1 ? source.length : newline, ' ', true);
    } else if (source.startsWith('/*', i)) {
      take(blockCommentEnd(source, i), ' ', true);
    } else if (ch === "'" || ch === '"') {
      // E'...' allows backslash escapes; the E must be a word of its own (not "table'").
      const escapes = ch === "'" && /[eE]/.test(before) && !isWordChar(text[text.length - 2]);
      const end = quotedEnd(source, i, escapes);
      take(end, ch === "'" ? "''" : undefined);
    } else if (ch === '$' && !isWordChar(before) && dollarTagAt(source, i)) {
      const tag = dollarTagAt(source, i) as string;
      const close = source.indexOf(tag, i + tag.length);
      take(close === -1 ? source.length : close + tag.length, '$$ $$');
    } else if (ch === ';') {
      push(statements, text, code, startLine);
      text = '';
      code = '';
      startLine = 0;
      i++;
    } else {
      take(i + 1);
    }
  }
  push(statements, text, code, startLine);
  return statements;
}

const DOLLAR_TAG = /\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/y;

function dollarTagAt(source: string, i: number): string | null {
  DOLLAR_TAG.lastIndex = i;
  return DOLLAR_TAG.exec(source)?.[0] ?? null;
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_$]/.test(c);
}

function push(statements: SqlStatement[], text: string, code: string, line: number) {
  const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
  if (collapse(code)) statements.push({ line, text: collapse(text), code: collapse(code) });
}

/** End (exclusive) of the block comment at `i`, nested ones included, as PostgreSQL allows. */
function blockCommentEnd(source: string, i: number): number {
  let depth = 0;
  for (let j = i; j < source.length; j++) {
    if (source.startsWith('/*', j)) {
      depth++;
      j++;
    } else if (source.startsWith('*/', j)) {
      depth--;
      j++;
      if (depth === 0) return j + 1;
    }
  }
  return source.length;
}

/** End (exclusive) of the quoted run at `i`; a doubled quote is an escaped quote in both kinds. */
function quotedEnd(source: string, i: number, backslashEscapes: boolean): number {
  const quote = source[i];
  for (let j = i + 1; j < source.length; j++) {
    const c = source[j];
    if (backslashEscapes && c === '\\') {
      j++;
    } else if (c === quote) {
      if (source[j + 1] === quote) j++;
      else return j + 1;
    }
  }
  return source.length;
}
