import {
  createLocalJWKSet,
  errors,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import { AppError } from '../../../shared/app-error.ts';
import { isRole } from '../../../shared/roles.ts';
import type { Caller } from './action.ts';

/** How tokens are verified: the legacy HS256 secret, a JWKS (asymmetric keys), or both. */
export interface AuthConfig {
  jwtSecret?: string;
  jwks?: JSONWebKeySet;
  /** When set, tokens from any other issuer are refused. */
  issuers?: readonly string[];
}

export interface Verifier {
  verify(token: string): Promise<Caller>;
}

export function createVerifier(config: AuthConfig): Verifier {
  const secret = config.jwtSecret ? new TextEncoder().encode(config.jwtSecret) : undefined;
  const jwks: JWTVerifyGetKey | undefined = config.jwks
    ? createLocalJWKSet(config.jwks)
    : undefined;
  const options = config.issuers ? { issuer: [...config.issuers] } : {};

  async function payloadOf(token: string): Promise<JWTPayload> {
    const alg = algorithmOf(token);
    if (alg === 'HS256' && secret) return (await jwtVerify(token, secret, options)).payload;
    if (alg !== 'HS256' && jwks) return (await jwtVerify(token, jwks, options)).payload;
    throw unauthorized(`tokens signed with ${alg} are not accepted here`);
  }

  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        payload = await payloadOf(token);
      } catch (err) {
        throw err instanceof AppError ? err : unauthorized(reasonFor(err), err);
      }
      if (!isRole(payload.role)) throw unauthorized('token carries no Supabase role claim');
      return {
        role: payload.role,
        subject: typeof payload.sub === 'string' ? payload.sub : null,
        claims: payload as Record<string, unknown>,
      };
    },
  };
}

/** Supabase clients send `Authorization: Bearer <jwt>` and `apikey`; the bearer token wins. */
export function tokenFrom(headers: Headers): string | null {
  const authorization = headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match?.[1]) throw unauthorized('Authorization header must be "Bearer <token>"');
    return match[1];
  }
  return headers.get('apikey');
}

function algorithmOf(token: string): string {
  try {
    const header = JSON.parse(
      atob(token.split('.')[0]?.replace(/-/g, '+').replace(/_/g, '/') ?? ''),
    );
    if (typeof header?.alg === 'string') return header.alg;
  } catch {
    // fall through: not a JWT at all
  }
  throw unauthorized('token is not a JWT');
}

function reasonFor(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'token has expired';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'token signature is invalid';
  if (err instanceof errors.JWTClaimValidationFailed)
    return `token claim "${err.claim}" is invalid`;
  if (err instanceof errors.JWKSNoMatchingKey) return 'no key matches the token';
  return 'token could not be verified';
}

function unauthorized(message: string, cause?: unknown): AppError {
  return new AppError(401, 'unauthorized', message, { cause });
}
