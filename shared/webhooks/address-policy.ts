import { type Bytes16, parseIP } from './ip-address.ts';

interface Range {
  prefix: number[];
  bits: number;
  what: string;
}

const v4 = (a: number[], bits: number, what: string): Range => ({
  prefix: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...a],
  bits: 96 + bits,
  what,
});
const v6 = (words: number[], bits: number, what: string): Range => ({
  prefix: words.flatMap((w) => [w >> 8, w & 0xff]),
  bits,
  what,
});

/**
 * Addresses a webhook must not reach unless an admin listed that very address: the host itself,
 * private networks, link-local (cloud metadata at 169.254.169.254), unspecified, multicast and
 * reserved ranges (RFC 6890). IPv6 forms that embed an IPv4 address are judged by that address.
 */
const REFUSED: Range[] = [
  v4([0], 8, 'unspecified'),
  v4([10], 8, 'private'),
  v4([100, 64], 10, 'shared address space'),
  v4([127], 8, 'loopback'),
  v4([169, 254], 16, 'link-local'),
  v4([172, 16], 12, 'private'),
  v4([192, 0, 0], 24, 'IETF protocol assignments'),
  v4([192, 168], 16, 'private'),
  v4([198, 18], 15, 'benchmarking'),
  v4([224], 4, 'multicast'),
  v4([240], 4, 'reserved'),
  v6([0, 0, 0, 0, 0, 0, 0, 0], 128, 'unspecified'),
  v6([0, 0, 0, 0, 0, 0, 0, 1], 128, 'loopback'),
  v6([0, 0, 0, 0, 0, 0], 96, 'IPv4-compatible'),
  v6([0xfe80], 10, 'link-local'),
  v6([0xfec0], 10, 'site-local'),
  v6([0xfc00], 7, 'unique local (private)'),
  v6([0xff00], 8, 'multicast'),
];

function inRange(ip: Bytes16, range: Range): boolean {
  for (let bit = 0; bit < range.bits; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((ip[byte] as number) & mask) !== ((range.prefix[byte] ?? 0) & mask)) return false;
  }
  return true;
}

/** NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address: judge that one too. */
function embeddedIPv4(ip: Bytes16): Bytes16 | null {
  const mapped = (a: ArrayLike<number>) =>
    new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...Array.from(a)]);
  if (ip[0] === 0x00 && ip[1] === 0x64 && ip[2] === 0xff && ip[3] === 0x9b)
    return mapped(ip.slice(12, 16));
  if (ip[0] === 0x20 && ip[1] === 0x02) return mapped(ip.slice(2, 6));
  return null;
}

/** Why an address must not be reached (e.g. 'loopback'), or null for a public address. */
export function refusedBecause(address: string): string | null {
  const ip = parseIP(address);
  if (!ip) return 'not an IP address';
  const hit = REFUSED.find((r) => inRange(ip, r));
  if (hit) return hit.what;
  const inner = embeddedIPv4(ip);
  if (inner) return REFUSED.find((r) => inRange(inner, r))?.what ?? null;
  return null;
}

/** The URL host as an IP literal (brackets removed), or null for a name. */
export function literalAddress(hostname: string): string | null {
  const bare =
    hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return parseIP(bare) ? bare : null;
}
