import { isAbsolute, join, resolve } from 'node:path';
import { PROJECT_ROOT } from './paths.ts';

/** Everything the local stack reads from the environment, with `supabase start`'s defaults. */
export interface StackConfig {
  /** Where keys and (for the embedded default) PostgreSQL's cluster live. Always absolute. */
  dataDir: string;
  apiPort: number;
  /** Set when DATABASE_URL is given: no embedded PostgreSQL is started. */
  databaseUrl: string | null;
  embeddedDbPort: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
  const dataDir = env.ROLLGATE_DATA_DIR || join(PROJECT_ROOT, '.rollgate');
  return {
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(dataDir),
    apiPort: port(env.ROLLGATE_PORT, 54321, 'ROLLGATE_PORT'),
    databaseUrl: env.DATABASE_URL || null,
    embeddedDbPort: port(env.ROLLGATE_DB_PORT, 54322, 'ROLLGATE_DB_PORT'),
  };
}

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new StackError(`${name} must be a port number, got "${value}"`);
  return n;
}

/** A failure the stack reports as one line and exit code 1. */
export class StackError extends Error {
  override name = 'StackError';
}

export function embeddedDatabaseUrl(port: number): string {
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
}

/** For messages: the URL without its password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable DATABASE_URL>';
  }
}
