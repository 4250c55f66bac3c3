import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';

export interface StackKeys {
  jwtSecret: string;
  anonKey: string;
  serviceRoleKey: string;
  /** Signs traffic webhooks (X-Rollgate-Signature) and authenticates the webhook relay. */
  webhookSecret: string;
}

const TEN_YEARS_SECONDS = 10 * 365 * 24 * 3600;

/**
 * The JWT secret is generated once per data directory and kept there (mode 0600); the anon and
 * service_role keys are HS256 tokens signed with it, like `supabase start` prints.
 */
export async function loadOrCreateKeys(dataDir: string): Promise<StackKeys> {
  const file = keysFile(dataDir);
  if (existsSync(file)) {
    const keys = JSON.parse(readFileSync(file, 'utf8')) as StackKeys;
    if (keys.webhookSecret) return keys;
    return save(file, { ...keys, webhookSecret: randomBytes(32).toString('base64url') });
  }
  const jwtSecret = randomBytes(32).toString('base64url');
  const issuedAt = Math.floor(Date.now() / 1000);
  const keys: StackKeys = {
    jwtSecret,
    anonKey: await signRoleKey('anon', jwtSecret, issuedAt),
    serviceRoleKey: await signRoleKey('service_role', jwtSecret, issuedAt),
    webhookSecret: randomBytes(32).toString('base64url'),
  };
  return save(file, keys);
}

function save(file: string, keys: StackKeys): StackKeys {
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return keys;
}

export function readKeys(dataDir: string): StackKeys | null {
  const file = keysFile(dataDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StackKeys) : null;
}

export function signRoleKey(role: string, secret: string, issuedAt: number): Promise<string> {
  return new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('supabase-demo')
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + TEN_YEARS_SECONDS)
    .sign(new TextEncoder().encode(secret));
}

function keysFile(dataDir: string): string {
  return join(dataDir, 'keys.json');
}
