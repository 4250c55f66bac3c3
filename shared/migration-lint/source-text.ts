/** A 1-based line and column (in characters) of a migration file. */
export interface Position {
  line: number;
  column: number;
}

const ENCODER = new TextEncoder();

/**
 * A migration's text with the conversions the parser's offsets need, each built once in linear
 * time: PostgreSQL's parse tree counts UTF-8 bytes, JavaScript strings count UTF-16 units, and
 * people count lines and columns.
 */
export class SourceText {
  readonly text: string;
  readonly #lineStarts: number[] = [0];
  #byteToChar: Int32Array | null = null;
  readonly #ascii: boolean;

  constructor(text: string) {
    this.text = text;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      this.#lineStarts.push(i + 1);
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
    this.#ascii = /^[\x00-\x7f]*$/.test(text);
  }

  /** The character offset of a byte offset of the UTF-8 encoding (as the parse tree gives). */
  charAt(byteOffset: number): number {
    if (this.#ascii) return Math.min(byteOffset, this.text.length);
    const map = this.#map();
    return map[Math.max(0, Math.min(byteOffset, map.length - 1))] ?? this.text.length;
  }

  position(charOffset: number): Position {
    let lo = 0;
    let hi = this.#lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.#lineStarts[mid] as number) <= charOffset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: charOffset - (this.#lineStarts[lo] as number) + 1 };
  }

  /** The first character at or after `from` that is not whitespace or a comment. */
  skipTrivia(from: number, to = this.text.length): number {
    const t = this.text;
    let i = from;
    while (i < to) {
      const c = t.charCodeAt(i);
      if (c === 32 || (c >= 9 && c <= 13)) i++;
      else if (t.startsWith('--', i)) {
        const nl = t.indexOf('\n', i);
        i = nl === -1 ? to : nl + 1;
      } else if (t.startsWith('/*', i)) i = blockCommentEnd(t, i);
      else break;
    }
    return Math.min(i, to);
  }

  #map(): Int32Array {
    if (this.#byteToChar) return this.#byteToChar;
    const map = new Int32Array(ENCODER.encode(this.text).length + 1);
    let byte = 0;
    for (let i = 0; i < this.text.length; i++) {
      const code = this.text.codePointAt(i) as number;
      const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      for (let k = 0; k < width; k++) map[byte + k] = i;
      byte += width;
      if (code >= 0x10000) i++;
    }
    map[byte] = this.text.length;
    this.#byteToChar = map;
    return map;
  }
}

/** End (exclusive) of the block comment at `i`; PostgreSQL nests them. */
function blockCommentEnd(t: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < t.length) {
    if (t.startsWith('/*', j)) {
      depth++;
      j += 2;
    } else if (t.startsWith('*/', j)) {
      depth--;
      j += 2;
      if (depth === 0) return j;
    } else j++;
  }
  return t.length;
}
