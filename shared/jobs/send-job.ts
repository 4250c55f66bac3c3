import PgBoss from 'pg-boss';
import type { Sql } from '../sql/client.ts';

export const QUEUE_SCHEMA = 'pgboss';

// Only pg-boss's job-insertion SQL is used here (no supervisor, no polling): `send` with a `db`
// wrapper runs on the caller's transaction, so a job exists exactly when the state change commits.
const sender = new PgBoss({
  schema: QUEUE_SCHEMA,
  db: {
    executeSql: () => Promise.reject(new Error('send-job: pass the transaction as options.db')),
  },
});

export interface JobOptions {
  startAfter?: Date;
  singletonKey?: string;
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
}

/** Enqueues a job inside `tx`; returns its id, or null when the singleton key already has one. */
export function sendJob(
  tx: Sql,
  name: string,
  data: object,
  options: JobOptions = {},
): Promise<string | null> {
  const db = {
    executeSql: async (text: string, values: unknown[]) => {
      // postgres.js learns each parameter's type from the server (the payload is jsonb and is
      // serialised by the driver); it refuses undefined, which pg-boss uses for unset options.
      const params = values.map((v) => (v === undefined ? null : v));
      return { rows: await tx.unsafe(text, params as never[]) };
    },
  };
  return sender.send(name, data, {
    ...options,
    ...(options.startAfter ? { startAfter: options.startAfter.toISOString() } : {}),
    db,
  } as PgBoss.SendOptions);
}
