/**
 * Signatures as Standard Webhooks specifies them (https://www.standardwebhooks.com/, the scheme
 * Svix, Stripe-like receivers and the `standardwebhooks` libraries verify): headers
 * `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature: v1,<base64>`, the
 * signature being HMAC-SHA256 over `<id>.<timestamp>.<body>`. A secret written `whsec_<base64>`
 * is the base64-decoded key, as the spec defines; any other secret is used as its UTF-8 bytes.
 * Web Crypto only, so it runs under Node and Deno.
 */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

function keyBytes(secret: string): Uint8Array {
  if (!secret.startsWith('whsec_')) return new TextEncoder().encode(secret);
  return Uint8Array.from(atob(secret.slice('whsec_'.length)), (c) => c.charCodeAt(0));
}

async function hmacBase64(secret: string, content: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    keyBytes(secret) as BufferSource,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(content)),
  );
  return btoa(String.fromCharCode(...mac));
}

/** The three headers for one message; `at` is the send time (it bounds replays). */
export async function signWebhook(
  secret: string,
  id: string,
  body: string,
  at: Date,
): Promise<SignedHeaders> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signature = await hmacBase64(secret, `${id}.${timestamp}.${body}`);
  return {
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${signature}`,
  };
}

/**
 * What a receiver does (also what docs/security.md shows): recompute, compare every `v1,`
 * signature in the header, and refuse a timestamp outside the tolerance. Returns why it fails,
 * or null when the message is authentic and fresh.
 */
export async function verifyWebhook(
  secret: string,
  headers: { get(name: string): string | null },
  body: string,
  now: Date = new Date(),
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): Promise<string | null> {
  const id = headers.get('webhook-id');
  const timestamp = headers.get('webhook-timestamp');
  const signatures = headers.get('webhook-signature');
  if (!id || !timestamp || !signatures) return 'missing webhook-id, -timestamp or -signature';
  const age = Math.abs(now.getTime() / 1000 - Number(timestamp));
  if (!Number.isFinite(age) || age > toleranceSeconds) return 'timestamp outside the tolerance';
  const expected = await hmacBase64(secret, `${id}.${timestamp}.${body}`);
  const match = signatures
    .split(' ')
    .some((s) => s.startsWith('v1,') && constantTimeEqual(s.slice(3), expected));
  return match ? null : 'no matching signature';
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
