import type { JSONWebKeySet } from 'jose';
import { AppError } from '../../../shared/app-error.ts';
import type { FunctionDeps } from './app.ts';
import { createVerifier } from './auth.ts';
import { createSql } from './db.ts';
import { consoleLogger } from './log.ts';

/**
 * Builds a function's dependencies from the environment hosted Supabase provides
 * (SUPABASE_DB_URL, SUPABASE_JWKS) plus the legacy HS256 secret (SUPABASE_JWT_SECRET or JWT_SECRET).
 * `get` is `Deno.env.get` in an entry file and `process.env` lookups under Node.
 */
export function depsFromEnv(get: (key: string) => string | undefined): FunctionDeps {
  const dbUrl = get('SUPABASE_DB_URL');
  if (!dbUrl) throw new Error('SUPABASE_DB_URL is not set');
  const jwks = get('SUPABASE_JWKS');
  const jwtSecret = get('SUPABASE_JWT_SECRET') ?? get('JWT_SECRET');
  if (!jwks && !jwtSecret)
    throw new Error('set SUPABASE_JWKS or SUPABASE_JWT_SECRET to verify callers');
  const issuers = get('ROLLGATE_JWT_ISSUERS')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    sql: createSql(dbUrl),
    verifier: createVerifier({
      ...(jwtSecret ? { jwtSecret } : {}),
      ...(jwks ? { jwks: parseJwks(jwks) } : {}),
      ...(issuers?.length ? { issuers } : {}),
    }),
    log: consoleLogger,
    env: get,
  };
}

function parseJwks(text: string): JSONWebKeySet {
  try {
    const value = JSON.parse(text) as JSONWebKeySet;
    if (!Array.isArray(value.keys)) throw new Error('no keys');
    return value;
  } catch (cause) {
    throw new AppError(500, 'misconfigured', 'SUPABASE_JWKS is not a JSON Web Key Set', { cause });
  }
}
