import postgres from 'postgres';
import type { Pool } from './client.ts';

/**
 * One connection pool per function instance (or per stack, bench or test). `prepare: false` by
 * default because hosted Supabase puts functions behind the transaction pooler, where named
 * prepared statements do not survive; a direct connection (the local stack) prepares, which saves
 * planning on every hot query.
 */
export function createSql(url: string, options: { max?: number; prepare?: boolean } = {}): Pool {
  return postgres(url, {
    prepare: options.prepare ?? false,
    max: options.max ?? 5,
    idle_timeout: 30,
    connect_timeout: 5,
    // postgres.js waits up to 20 s between reconnects after failed ones (3^n / 100 s, shared by
    // the pool): after a short outage requests queued that long. Retry at least once a second.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    onnotice: () => {},
    connection: { application_name: 'rollgate' },
  });
}
