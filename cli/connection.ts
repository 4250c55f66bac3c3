import { readConfig } from '../stack/config.ts';
import { readKeys } from '../stack/keys.ts';
import { UsageError } from './errors.ts';

export interface Connection {
  url: string;
  key: string;
  /** Where the URL came from, for error messages. */
  source: 'flags' | 'environment' | 'local stack';
}

const first = (...values: Array<string | undefined>) => values.find((v) => v !== undefined && v);

/**
 * Where the API is and which key to use, in this order: `--url`/`--key`; the environment
 * (`SUPABASE_URL` or `API_URL`; `ROLLGATE_TOKEN`, `SUPABASE_SECRET_KEY`, `SECRET_KEY`, then the
 * legacy `SUPABASE_SERVICE_ROLE_KEY`, `SERVICE_ROLE_KEY`, `SUPABASE_ANON_KEY`, `ANON_KEY`); the
 * local stack's data directory (`npm start`), whose secret key is only used for the local
 * stack's own URL, never sent elsewhere.
 */
export function resolveConnection(
  flags: { url?: string | undefined; key?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): Connection {
  const local = localStack(env);
  const envUrl = first(env.SUPABASE_URL, env.API_URL);
  const url = first(flags.url, envUrl, local?.url);
  if (!url) {
    throw new UsageError(
      'no API URL: pass --url, set SUPABASE_URL (or API_URL), or start the local stack with `rollgate start`',
    );
  }
  const envKey = first(
    env.ROLLGATE_TOKEN,
    env.SUPABASE_SECRET_KEY,
    env.SECRET_KEY,
    env.SUPABASE_SERVICE_ROLE_KEY,
    env.SERVICE_ROLE_KEY,
    env.SUPABASE_ANON_KEY,
    env.ANON_KEY,
  );
  const localKey = local && trimSlash(local.url) === trimSlash(url) ? local.key : undefined;
  const key = first(flags.key, envKey, localKey);
  if (!key) {
    throw new UsageError(
      `no key for ${url}: pass --key or set ROLLGATE_TOKEN or SUPABASE_SECRET_KEY`,
    );
  }
  const source = flags.url ? 'flags' : envUrl ? 'environment' : 'local stack';
  return { url: trimSlash(url), key, source };
}

function localStack(env: NodeJS.ProcessEnv): { url: string; key: string } | null {
  try {
    const config = readConfig(env);
    const keys = readKeys(config.dataDir);
    return keys ? { url: `http://127.0.0.1:${config.apiPort}`, key: keys.secretKey } : null;
  } catch {
    // A malformed ROLLGATE_PORT or unreadable keys file just means "no local stack here".
    return null;
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
