/**
 * IP addresses as 16 bytes (IPv4 as IPv4-mapped IPv6), parsed from the canonical text that the
 * WHATWG URL parser and DNS resolvers produce. No I/O: runs under Node and Deno alike.
 */
export type Bytes16 = Uint8Array;

/** Dotted-quad IPv4 → its four bytes, or null. */
export function parseIPv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : Number.NaN));
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : null;
}

/** IPv6 text (optionally bracketed, with an embedded IPv4 tail, no zone) → 16 bytes, or null. */
export function parseIPv6(input: string): Bytes16 | null {
  let text = input.startsWith('[') && input.endsWith(']') ? input.slice(1, -1) : input;
  if (text.includes('%')) text = text.slice(0, text.indexOf('%'));
  const words: number[] = [];
  const tailV4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tailV4) {
    const v4 = parseIPv4(tailV4[1] as string);
    if (!v4) return null;
    text = `${text.slice(0, -(tailV4[1] as string).length)}${((v4[0] as number) * 256 + (v4[1] as number)).toString(16)}:${((v4[2] as number) * 256 + (v4[3] as number)).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string) => (s === '' ? [] : s.split(':'));
  const head = parse(halves[0] as string);
  const tail = halves.length === 2 ? parse(halves[1] as string) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) return null;
  for (const group of [...head, ...Array(missing).fill('0'), ...tail]) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
    words.push(Number.parseInt(group, 16));
  }
  const bytes = new Uint8Array(16);
  words.forEach((w, i) => {
    bytes[2 * i] = w >> 8;
    bytes[2 * i + 1] = w & 0xff;
  });
  return bytes;
}

/** Either family → 16 bytes (IPv4 as ::ffff:a.b.c.d), or null when the text is no IP address. */
export function parseIP(text: string): Bytes16 | null {
  const v4 = parseIPv4(text);
  if (v4) return new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4]);
  return parseIPv6(text);
}
