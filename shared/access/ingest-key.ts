/** Ingest keys (`rg_ingest_…`): how they look, and the only form in which they are stored. */
export const INGEST_KEY_PREFIX = 'rg_ingest_';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A new ingest key: the prefix and 32 random letters and digits (about 190 bits). No `-`: Sentry
 * SDKs refuse a DSN whose public key is not letters, digits and `_`, and an ingest key is what a
 * DSN's public key is. Keys made before (base64url, perhaps with `-`) keep working: only their
 * hash is looked up.
 */
export function newIngestKey(): string {
  let key = INGEST_KEY_PREFIX;
  while (key.length < INGEST_KEY_PREFIX.length + 32) {
    // 248 = 4 × 62: bytes at or above it are dropped, so every character is equally likely.
    for (const byte of crypto.getRandomValues(new Uint8Array(40)))
      if (byte < 248 && key.length < INGEST_KEY_PREFIX.length + 32) key += ALPHABET[byte % 62];
  }
  return key;
}

/** Only the SHA-256 of a key is stored. */
export async function ingestKeyHash(key: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
