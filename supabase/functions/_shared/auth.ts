import { verifyCredentials } from '@supabase/server/core';
import {
  decodeProtectedHeader,
  errors,
  type JSONWebKeySet,
  type JWTPayload,
  jwtVerify,
} from 'jose';
import { AppError } from '../../../shared/app-error.ts';
import { isRole } from '../../../shared/roles.ts';
import type { Caller } from './action.ts';
import { type Credentials, credentialsFrom, isApiKey, isJwt } from './credentials.ts';

/**
 * How callers are verified, as a Supabase project has them today: `sb_publishable_…` and
 * `sb_secret_…` API keys (named, JSON in SUPABASE_PUBLISHABLE_KEYS / SUPABASE_SECRET_KEYS) and
 * user JWTs signed by the project's asymmetric keys (SUPABASE_JWKS, else the project's
 * `/auth/v1/.well-known/jwks.json`) — both checked by Supabase's own `@supabase/server`. The
 * legacy JWT keys (SUPABASE_ANON_KEY / SUPABASE_SERVICE_ROLE_KEY) are still accepted by exact
 * match, and legacy HS256 user JWTs only where their secret is configured
 * (ROLLGATE_LEGACY_JWT_SECRET: `@supabase/server` rejects tokens without a `kid`).
 */
export interface AuthConfig {
  /** SUPABASE_URL: where the JWKS is published when SUPABASE_JWKS is not given. */
  url: string;
  publishableKeys: Record<string, string>;
  secretKeys: Record<string, string>;
  jwks?: JSONWebKeySet;
  legacy?: { anonKey?: string; serviceRoleKey?: string; jwtSecret?: string };
  /** When set, user JWTs from any other issuer are refused. */
  issuers?: readonly string[];
}

/** Supabase Auth puts `aud: "authenticated"` on every user access token. */
const USER_AUDIENCE = 'authenticated';

export interface Verifier {
  /** The caller the request's credentials prove, or null when it carries none. */
  identify(headers: Headers): Promise<Caller | null>;
}

export function createVerifier(config: AuthConfig): Verifier {
  const legacySecret = config.legacy?.jwtSecret
    ? new TextEncoder().encode(config.legacy.jwtSecret)
    : undefined;
  const env = {
    url: config.url,
    publishableKeys: config.publishableKeys,
    secretKeys: config.secretKeys,
    ...(config.jwks ? { jwks: config.jwks } : {}),
  };

  async function fromApiKey(apikey: string): Promise<Caller> {
    if (config.legacy?.serviceRoleKey && sameText(apikey, config.legacy.serviceRoleKey))
      return serviceCaller('service_role', 'legacy service_role key');
    if (config.legacy?.anonKey && sameText(apikey, config.legacy.anonKey)) return anonCaller();
    if (!isApiKey(apikey)) throw unauthorized('token is neither a JWT nor an API key');
    const { data, error } = await verifyCredentials(
      { token: null, apikey },
      { auth: ['secret:*', 'publishable:*'], env },
    );
    if (error || !data) throw unauthorized('API key is not recognised');
    if (data.authMode === 'secret') {
      const name = data.keyName ?? 'default';
      return serviceCaller(`key:${name}`, `secret key "${name}"`);
    }
    return anonCaller();
  }

  async function fromJwt(token: string): Promise<Caller> {
    if (config.legacy?.serviceRoleKey && sameText(token, config.legacy.serviceRoleKey))
      return serviceCaller('service_role', 'legacy service_role key');
    if (config.legacy?.anonKey && sameText(token, config.legacy.anonKey)) return anonCaller();
    const header = headerOf(token);
    if (header.alg === 'HS256' && !header.kid) {
      if (!legacySecret)
        throw unauthorized('legacy HS256 tokens are not accepted here (no legacy JWT secret set)');
      return callerFromClaims(await verifyLegacy(token, legacySecret, config.issuers));
    }
    const { data, error } = await verifyCredentials(
      { token, apikey: null },
      {
        auth: 'user',
        audience: USER_AUDIENCE,
        ...(config.issuers?.length ? { issuer: [...config.issuers] } : {}),
        env,
      },
    );
    if (error || !data?.jwtClaims) {
      const status = error?.status ?? 401;
      if (status >= 500) throw new AppError(500, 'misconfigured', error?.message ?? 'no JWKS');
      throw unauthorized(`token rejected: ${error?.message ?? 'unverifiable'}`);
    }
    return callerFromClaims(data.jwtClaims as JWTPayload);
  }

  return {
    async identify(headers) {
      const credentials: Credentials = credentialsFrom(headers);
      if (credentials.token && isJwt(credentials.token)) return fromJwt(credentials.token);
      const key = credentials.token ?? credentials.apikey;
      if (!key) return null;
      // Legacy clients send the anon or service_role JWT as `apikey`.
      return isJwt(key) ? fromJwt(key) : fromApiKey(key);
    },
  };
}

async function verifyLegacy(
  token: string,
  secret: Uint8Array,
  issuers: readonly string[] | undefined,
): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
      ...(issuers?.length ? { issuer: [...issuers] } : {}),
    });
    return payload;
  } catch (err) {
    throw unauthorized(reasonFor(err), err);
  }
}

/** A verified JWT's claims as a caller: a user (with `sub`) or a legacy role key. */
function callerFromClaims(payload: JWTPayload): Caller {
  if (typeof payload.exp !== 'number') throw unauthorized('token has no "exp" claim');
  if (!isRole(payload.role)) throw unauthorized('token carries no Supabase role claim');
  const claims = payload as Record<string, unknown>;
  if (payload.role === 'service_role') return serviceCaller('service_role', 'service_role JWT');
  if (payload.role === 'anon') return anonCaller();
  if (typeof payload.sub !== 'string' || !payload.sub)
    throw unauthorized('user token has no "sub" claim');
  const aud = payload.aud;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(USER_AUDIENCE))
    throw unauthorized(`user token "aud" must be "${USER_AUDIENCE}"`);
  const email = typeof claims.email === 'string' && claims.email ? claims.email : null;
  return {
    role: 'authenticated',
    identity: `user:${payload.sub}`,
    label: email ?? payload.sub,
    subject: payload.sub,
    claims,
  };
}

function serviceCaller(identity: string, label: string): Caller {
  return { role: 'service_role', identity, label, subject: null, claims: {} };
}

function anonCaller(): Caller {
  return { role: 'anon', identity: 'anon', label: 'anonymous', subject: null, claims: {} };
}

function headerOf(token: string): { alg?: string; kid?: string } {
  try {
    return decodeProtectedHeader(token);
  } catch {
    throw unauthorized('token is not a JWT');
  }
}

/** Constant-time comparison of two secrets (length is not secret). */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function reasonFor(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'token has expired';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'token signature is invalid';
  if (err instanceof errors.JWTClaimValidationFailed)
    return `token claim "${err.claim}" is invalid`;
  return 'token could not be verified';
}

export function unauthorized(message: string, cause?: unknown): AppError {
  return new AppError(401, 'unauthorized', message, { cause });
}
