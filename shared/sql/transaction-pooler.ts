import postgres from 'postgres';
import type { Pool } from './client.ts';

/** postgres.js's options, without custom types. */
export type PoolOptions = postgres.Options<Record<string, postgres.PostgresType>>;

/**
 * A postgres.js pool that a transaction pooler (Supavisor on hosted Supabase, PgBouncer in
 * `pool_mode = transaction`) can serve.
 *
 * postgres.js pipelines: when no connection of its pool is free, it writes the next statement onto
 * a busy one without waiting for the answer to the statement before (a statement without bound
 * parameters leaves its connection open to that). A transaction pooler hands the server
 * connection back at the ReadyForQuery that ends a transaction, so the answers to whatever was
 * pipelined behind an autocommit statement come back on a connection no client owns any more and
 * are dropped (PgBouncer 1.18 logs "got packet '1' from server when not linked"; Supavisor:
 * porsager/postgres#970). The query then waits for ever, with the database idle.
 *
 * So statements run on a pool that never pipelines (`max_pipeline: 0`): one statement per
 * connection at a time. Transactions cannot open there: postgres.js 3.4.9's `begin` never
 * reserves its connection when `max_pipeline` is 0 and fails with UNSAFE_TRANSACTION
 * (porsager/postgres#1210). They open on a second pool of the same size that serves nothing but
 * `begin`: postgres.js holds each of its connections for one transaction from BEGIN to COMMIT, so
 * statements are pipelined only inside a transaction, where the pooler keeps the server
 * connection. Both pools connect on demand and close idle connections.
 */
export function transactionPoolerSql(url: string, options: PoolOptions): Pool {
  // An option of postgres.js that its type declarations leave out.
  const noPipelining = { ...options, max_pipeline: 0 };
  const statements = postgres(url, noPipelining);
  const transactions = postgres(url, options);
  const endStatements = statements.end;
  return Object.assign(statements, {
    begin: transactions.begin,
    end: async (o?: { timeout?: number | undefined }) => {
      await Promise.all([endStatements(o), transactions.end(o)]);
    },
  });
}
