/**
 * SQL text as it may leave the database code: every literal replaced by `?`. pg_stat_statements
 * already normalises most constants to `$n`, but not those of utility statements (`ALTER ROLE …
 * PASSWORD '…'`, `SET …`), and pg_stat_activity shows statements as sent: a token, an e-mail or
 * a card number in a WHERE clause would otherwise reach whoever reads the check.
 *
 * Redacted: single-quoted strings (with their E/B/X/U& prefixes), dollar-quoted bodies, numbers,
 * comment contents, and any e-mail-shaped word left over. Kept: keywords, identifiers (quoted ones
 * too), operators and `$n` parameters. A string cut off by truncation is redacted to the end.
 * One pass over the text, no backtracking regular expressions.
 */
export function redactQueryText(text: string): string {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (c === "'" || (isStringPrefix(text, i) && text[prefixEnd(text, i)] === "'")) {
      const start = c === "'" ? i : prefixEnd(text, i);
      i = endOfQuoted(text, start, /* backslashEscapes */ /[eE]/.test(text[start - 1] ?? ''));
      out += '?';
    } else if (c === '"') {
      const end = endOfQuoted(text, i, false);
      out += text.slice(i, end);
      i = end;
    } else if (c === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      out += '-- …';
      i = end === -1 ? n : end;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      out += '/* … */';
      i = end === -1 ? n : end + 2;
    } else if (c === '$' && next !== undefined && /[0-9]/.test(next)) {
      const end = scan(text, i + 1, /[0-9]/);
      out += text.slice(i, end);
      i = end;
    } else if (c === '$') {
      const tagEnd = scan(text, i + 1, /[A-Za-z0-9_]/);
      if (text[tagEnd] === '$' && !/[0-9]/.test(text[i + 1] ?? '')) {
        const tag = text.slice(i, tagEnd + 1);
        const close = text.indexOf(tag, tagEnd + 1);
        out += '?';
        i = close === -1 ? n : close + tag.length;
      } else {
        out += c;
        i++;
      }
    } else if (/[0-9]/.test(c) || (c === '.' && next !== undefined && /[0-9]/.test(next))) {
      const end = scan(text, i, /[0-9A-Za-z_.]/);
      // A signed exponent (1e-5) continues the number.
      const more = /[eE]$/.test(text.slice(i, end)) && /[+-]/.test(text[end] ?? '');
      i = more ? scan(text, end + 1, /[0-9]/) : end;
      out += '?';
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      const end = scan(text, i, /[A-Za-z0-9_$\u0080-\uffff]/);
      out += text.slice(i, end);
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out.replace(/[^\s@'"(),;]+@[^\s@'"(),;]+/g, '?');
}

/** E'…', B'…', X'…', N'…' and U&'…' introduce strings; the prefix must start a word. */
function isStringPrefix(text: string, i: number): boolean {
  if (i > 0 && /[A-Za-z0-9_$]/.test(text[i - 1] as string)) return false;
  return (
    /[eEbBxXnN]/.test(text[i] as string) || (/[uU]/.test(text[i] as string) && text[i + 1] === '&')
  );
}

function prefixEnd(text: string, i: number): number {
  return /[uU]/.test(text[i] as string) ? i + 2 : i + 1;
}

/** Index after the quoted token opened at `start` (doubled quotes stay inside), or the end. */
function endOfQuoted(text: string, start: number, backslashEscapes: boolean): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (backslashEscapes && c === '\\') i += 2;
    else if (c === quote && text[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i++;
  }
  return text.length;
}

function scan(text: string, from: number, allowed: RegExp): number {
  let i = from;
  while (i < text.length && allowed.test(text[i] as string)) i++;
  return i;
}
