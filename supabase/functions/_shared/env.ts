import type { JSONWebKeySet } from 'jose';
import { consoleLogger } from '../../../shared/log.ts';
import { createSql } from '../../../shared/sql/connect.ts';
import type { FunctionDeps } from './app.ts';
import { type AuthConfig, createVerifier } from './auth.ts';

type Env = (key: string) => string | undefined;

/**
 * Builds a function's dependencies from what hosted Supabase gives every function
 * (SUPABASE_URL, SUPABASE_DB_URL, SUPABASE_JWKS, SUPABASE_PUBLISHABLE_KEYS,
 * SUPABASE_SECRET_KEYS, SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY) plus Rollgate's own
 * secrets. `get` is `Deno.env.get` in an entry file and a settings lookup in the local stack,
 * which gives its own pool and logger.
 */
export function depsFromEnv(
  get: Env,
  given: Partial<Pick<FunctionDeps, 'sql' | 'log'>> = {},
): FunctionDeps {
  return {
    sql: given.sql ?? createSql(dbUrl(get), { max: poolSize(get) }),
    verifier: createVerifier(authConfigFromEnv(get)),
    log: given.log ?? consoleLogger,
    env: get,
  };
}

function dbUrl(get: Env): string {
  const url = get('SUPABASE_DB_URL');
  if (!url) throw new Error('SUPABASE_DB_URL is not set');
  return url;
}

function authConfigFromEnv(get: Env): AuthConfig {
  const url = get('SUPABASE_URL');
  if (!url) throw new Error('SUPABASE_URL is not set');
  const jwks = parseJwks(get('SUPABASE_JWKS'));
  const issuers = get('ROLLGATE_JWT_ISSUERS')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const legacy = {
    ...optional('anonKey', get('SUPABASE_ANON_KEY')),
    ...optional('serviceRoleKey', get('SUPABASE_SERVICE_ROLE_KEY')),
    // Hosted never hands functions the legacy JWT secret; a user may set it to keep accepting
    // legacy HS256 user sessions until the project moves to JWT signing keys.
    ...optional('jwtSecret', get('ROLLGATE_LEGACY_JWT_SECRET')),
  };
  return {
    url,
    publishableKeys: keySet(get, 'SUPABASE_PUBLISHABLE_KEYS', 'SUPABASE_PUBLISHABLE_KEY'),
    secretKeys: keySet(get, 'SUPABASE_SECRET_KEYS', 'SUPABASE_SECRET_KEY'),
    ...(jwks ? { jwks } : {}),
    legacy,
    ...(issuers?.length ? { issuers } : {}),
  };
}

/** Connections of each of a function instance's two pools (ROLLGATE_DB_POOL, default 3): see docs/hosted.md. */
function poolSize(get: Env): number {
  const n = Number(get('ROLLGATE_DB_POOL') ?? 3);
  return Number.isInteger(n) && n >= 1 && n <= 20 ? n : 3;
}

/** `{"default":"sb_…","ci":"sb_…"}`, or a single key as `default`. */
function keySet(get: Env, plural: string, singular: string): Record<string, string> {
  const text = get(plural);
  if (text) {
    try {
      const value = JSON.parse(text) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        return Object.fromEntries(
          Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
        );
      }
    } catch {
      // fall through: a malformed set admits nothing
    }
    throw new Error(`${plural} is not a JSON object of named keys`);
  }
  const one = get(singular);
  return one ? { default: one } : {};
}

function parseJwks(text: string | undefined): JSONWebKeySet | undefined {
  if (!text?.trim()) return undefined;
  try {
    const value = JSON.parse(text) as JSONWebKeySet | JSONWebKeySet['keys'];
    if (Array.isArray(value)) return { keys: value };
    if (Array.isArray(value.keys)) return value;
  } catch {
    // fall through
  }
  throw new Error('SUPABASE_JWKS is not a JSON Web Key Set');
}

function optional<K extends string>(key: K, value: string | undefined) {
  return (value ? { [key]: value } : {}) as Partial<Record<K, string>>;
}
