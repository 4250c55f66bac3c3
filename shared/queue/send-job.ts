import PgBoss from 'pg-boss';
import type { Sql } from '../sql/client.ts';
import { QUEUE_DEFINITIONS, type QueueName } from './queues.ts';

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
  /** Higher first (pg-boss); Rollgate's own alerts jump the queue of reports. */
  priority?: number;
  singletonKey?: string;
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
}

/**
 * Enqueues a job inside `tx` with its queue's retry defaults; the payload is checked against the
 * queue's schema first. Returns the id, or null when the singleton key already has one.
 */
export function sendJob(
  tx: Sql,
  name: QueueName,
  data: object,
  options: JobOptions = {},
): Promise<string | null> {
  const queue = QUEUE_DEFINITIONS[name];
  queue.payload.parse(data);
  const db = {
    executeSql: async (text: string, values: unknown[]) => {
      // postgres.js learns each parameter's type from the server (the payload is jsonb and is
      // serialised by the driver); it refuses undefined, which pg-boss uses for unset options.
      const params = values.map((v) => (v === undefined ? null : v));
      return { rows: await tx.unsafe(text, params as never[]) };
    },
  };
  return sender.send(name, data, {
    ...queue.retry,
    ...options,
    ...(options.startAfter ? { startAfter: options.startAfter.toISOString() } : {}),
    db,
  } as PgBoss.SendOptions);
}
