import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { newIngestKey } from '../shared/access/ingest-key.ts';

/**
 * The keys a Supabase project has, as `supabase start` issues them: `sb_publishable_…` and
 * `sb_secret_…` API keys, an ES256 signing key whose public half is the JWKS user JWTs are
 * verified against, and the legacy HS256 secret with its anon and service_role JWTs.
 */
export interface StackKeys {
  publishableKey: string;
  secretKey: string;
  /** The private ES256 signing key (JWK, with `kid`); `jwks` holds its public half. */
  signingKey: JWK;
  jwks: { keys: JWK[] };
  jwtSecret: string;
  anonKey: string;
  serviceRoleKey: string;
  /** Signs traffic webhooks (Standard Webhooks) and authenticates the webhook relay. */
  webhookSecret: string;
  /**
   * The local stack's telemetry ingest key (`local-stack`, every environment): what `status -o
   * env` puts in SENTRY_DSN and OTEL_EXPORTER_OTLP_HEADERS. Registered at every start.
   */
  ingestKey: string;
}

const TEN_YEARS_SECONDS = 10 * 365 * 24 * 3600;

/** Generated once per data directory and kept there (mode 0600); older files gain what's new. */
export async function loadOrCreateKeys(dataDir: string): Promise<StackKeys> {
  const file = keysFile(dataDir);
  const old = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<StackKeys>)
    : {};
  if (isComplete(old)) return old;
  const jwtSecret = old.jwtSecret ?? randomBytes(32).toString('base64url');
  const issuedAt = Math.floor(Date.now() / 1000);
  const signing =
    old.signingKey && old.jwks
      ? { signingKey: old.signingKey, jwks: old.jwks }
      : await newSigningKey();
  const keys: StackKeys = {
    publishableKey: old.publishableKey ?? apiKey('sb_publishable_'),
    secretKey: old.secretKey ?? apiKey('sb_secret_'),
    ...signing,
    jwtSecret,
    anonKey: old.anonKey ?? (await signRoleKey('anon', jwtSecret, issuedAt)),
    serviceRoleKey: old.serviceRoleKey ?? (await signRoleKey('service_role', jwtSecret, issuedAt)),
    webhookSecret: old.webhookSecret ?? randomBytes(32).toString('base64url'),
    ingestKey: old.ingestKey ?? newIngestKey(),
  };
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return keys;
}

function isComplete(keys: Partial<StackKeys>): keys is StackKeys {
  return Boolean(
    keys.publishableKey &&
      keys.secretKey &&
      keys.signingKey &&
      keys.jwks &&
      keys.jwtSecret &&
      keys.anonKey &&
      keys.serviceRoleKey &&
      keys.webhookSecret &&
      keys.ingestKey,
  );
}

export function readKeys(dataDir: string): StackKeys | null {
  const file = keysFile(dataDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StackKeys) : null;
}

/** A new-format API key: the prefix and 32 random base62-ish characters. */
export function apiKey(prefix: 'sb_publishable_' | 'sb_secret_'): string {
  return prefix + randomBytes(24).toString('base64url').replace(/[-_]/g, 'x');
}

/** An ES256 key pair: the private JWK that signs, and the JWKS (its public half) that verifies. */
export async function newSigningKey(): Promise<{ signingKey: JWK; jwks: { keys: JWK[] } }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = randomBytes(8).toString('hex');
  const meta = { kid, alg: 'ES256', use: 'sig' };
  return {
    signingKey: { ...(await exportJWK(privateKey)), ...meta },
    jwks: { keys: [{ ...(await exportJWK(publicKey)), ...meta, key_ops: ['verify'] }] },
  };
}

/** A user access token as Supabase Auth issues it, signed with the project's ES256 key. */
export async function signUserToken(
  signingKey: JWK,
  user: { sub: string; email?: string; appMetadata?: Record<string, unknown> },
  options: { expiresInSeconds?: number; issuer?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({
    role: 'authenticated',
    aud: 'authenticated',
    ...(user.email ? { email: user.email } : {}),
    app_metadata: user.appMetadata ?? {},
  })
    .setProtectedHeader({ alg: 'ES256', kid: signingKey.kid as string, typ: 'JWT' })
    .setSubject(user.sub)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresInSeconds ?? 3600));
  if (options.issuer) jwt.setIssuer(options.issuer);
  return jwt.sign(await importJWK(signingKey, 'ES256'));
}

/**
 * A person with Rollgate roles in app_metadata (as the Auth admin API sets them), signed with the
 * local stack's key: for local development, tests and benchmarks, where there is no sign-in.
 */
export function signOperatorToken(
  signingKey: JWK,
  email: string,
  roles: readonly string[],
  options: { expiresInSeconds?: number; issuer?: string } = {},
): Promise<string> {
  const sub = uuidFrom(email);
  return signUserToken(signingKey, { sub, email, appMetadata: { rollgate_roles: roles } }, options);
}

/** A stable UUID-shaped id for a name (v4 layout), so one e-mail is always one user. */
export function uuidFrom(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
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
