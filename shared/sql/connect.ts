import postgres from 'postgres';
import type { Pool } from './client.ts';
import { type PoolOptions, transactionPoolerSql } from './transaction-pooler.ts';

/**
 * One connection pool per function instance (or per stack, bench or test). By default it is made
 * for hosted Supabase, where functions reach the database through the transaction pooler: no named
 * prepared statements (they do not survive from one transaction to the next) and no statement
 * pipelined behind another one's transaction (transaction-pooler.ts). A direct connection
 * (`direct: true`, the local stack) prepares and pipelines, which saves planning and round trips
 * on every hot query.
 */
export function createSql(url: string, options: { max?: number; direct?: boolean } = {}): Pool {
  const settings: PoolOptions = {
    prepare: options.direct ?? false,
    max: options.max ?? 5,
    idle_timeout: 30,
    connect_timeout: 5,
    // postgres.js waits up to 20 s between reconnects after failed ones (3^n / 100 s, shared by
    // the pool): after a short outage requests queued that long. Retry at least once a second.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    onnotice: () => {},
    connection: { application_name: 'rollgate' },
  };
  return options.direct ? postgres(url, settings) : transactionPoolerSql(url, settings);
}
