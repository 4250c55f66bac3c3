/**
 * Scrubs what error messages carry in practice before it becomes an issue title readable by
 * operators: e-mail addresses, payment card numbers (13–19 digits passing the Luhn check, spaces
 * or dashes allowed), and secrets (provider keys, JWTs, bearer tokens, `password=…`-style pairs,
 * long random-looking strings). Each becomes a marker saying what was there.
 */
const RULES: Array<[RegExp, string | ((match: string) => string)]> = [
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[token]'],
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer [token]'],
  [
    /\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]+|\bsb_(?:secret|publishable)_[A-Za-z0-9_-]+|\bwhsec_[A-Za-z0-9+/=]+|\bgh[pousr]_[A-Za-z0-9]{20,}|\bxox[abprs]-[A-Za-z0-9-]+|\bAKIA[0-9A-Z]{16}\b/g,
    '[token]',
  ],
  [
    /\b(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|authorization)(\s*[=:]\s*)("[^"]*"|'[^']*'|\S+)/gi,
    (m) => m.replace(/([=:]\s*)("[^"]*"|'[^']*'|\S+)$/, '$1[redacted]'),
  ],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[email]'],
  [/\b\d(?:[ -]?\d){12,18}\b/g, (m) => (luhn(m.replace(/\D/g, '')) ? '[card]' : m)],
  // 32+ characters mixing digits with letters beyond hex: an API key or session token someone
  // pasted (UUIDs and hex digests are left to the fingerprint's own masking).
  [/\b(?=[A-Za-z0-9_]*\d)(?=[A-Za-z0-9_]*[g-zG-Z_])[A-Za-z0-9_]{32,}\b/g, '[token]'],
];

export function scrubPersonalData(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES)
    out = out.replace(pattern, replacement as (m: string) => string);
  return out;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
