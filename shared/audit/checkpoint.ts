/**
 * A signed checkpoint of the audit chain: its newest row's sequence number and hash and the number
 * of rows up to it, with an HMAC-SHA256 under ROLLGATE_AUDIT_KEY, a key only the functions and
 * the stack hold (never the database). Sent out of the database (a directory, a Slack-shaped
 * channel), it anchors the chain: whoever owns the database can recompute every hash after
 * editing a row, or delete the newest rows, but cannot make the chain match a checkpoint again
 * nor forge a new one.
 */
export interface Checkpoint {
  chain_seq: number;
  head_hash: string;
  row_count: number;
  created_at: string;
}

export interface SignedCheckpoint extends Checkpoint {
  /** `v1,<base64 HMAC-SHA256 of the canonical text>` */
  hmac: string;
}

/** The text the HMAC covers: fixed field order, one line. */
export function canonicalCheckpoint(c: Checkpoint): string {
  return `rollgate-audit-checkpoint:v1:${c.chain_seq}:${c.head_hash}:${c.row_count}:${c.created_at}`;
}

async function hmac(key: string, text: string): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign('HMAC', cryptoKey, new TextEncoder().encode(text)),
  );
  return `v1,${btoa(String.fromCharCode(...mac))}`;
}

export async function signCheckpoint(
  key: string,
  checkpoint: Checkpoint,
): Promise<SignedCheckpoint> {
  return {
    chain_seq: checkpoint.chain_seq,
    head_hash: checkpoint.head_hash,
    row_count: checkpoint.row_count,
    created_at: checkpoint.created_at,
    hmac: await hmac(key, canonicalCheckpoint(checkpoint)),
  };
}

/** Whether the checkpoint was signed with this key (and not altered since). */
export async function checkpointIsAuthentic(
  key: string,
  checkpoint: SignedCheckpoint,
): Promise<boolean> {
  const expected = await hmac(key, canonicalCheckpoint(checkpoint));
  if (expected.length !== checkpoint.hmac.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++)
    diff |= expected.charCodeAt(i) ^ checkpoint.hmac.charCodeAt(i);
  return diff === 0;
}

/** The key from the environment; checkpoints are refused without one of useful length. */
export function auditKeyFrom(env: (name: string) => string | undefined): string | null {
  const key = env('ROLLGATE_AUDIT_KEY');
  return key && key.length >= 32 ? key : null;
}
