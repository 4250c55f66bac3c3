import PgBoss from 'pg-boss';
import type { ReservedSql } from 'postgres';
import { QUEUE_SCHEMA } from '../queue/send-job.ts';
import type { Pool } from '../sql/client.ts';
import type { WorkerContext } from './queue-workers.ts';
import { QUEUE_JOBS } from './registry.ts';

export interface DrainResult {
  queue: string;
  id: string;
  outcome: 'completed' | 'failed';
  error?: string;
}

/**
 * The serverless path (hosted Supabase, pg_cron → `tick`): first pg-boss's maintenance (jobs
 * whose worker died mid-run expire and are retried; finished ones are archived), then the due
 * jobs of every queue in the registry, worked by the very handlers the local stack's long-running
 * workers run, completing or failing each in pg-boss (which retries with its backoff). pg-boss
 * hands a job to one fetcher only (SKIP LOCKED), and handlers are idempotent, so a job re-run
 * after an expiry changes nothing twice. Bounded so one call fits a function's time limit.
 */
export async function drainDueJobs(
  sql: Pool,
  ctx: WorkerContext,
  options: { maxJobs?: number; maxMs?: number } = {},
) {
  await maintainQueue(sql);
  const boss = bossOn(sql);
  const deadline = Date.now() + (options.maxMs ?? 20_000);
  const results: DrainResult[] = [];
  for (const queue of QUEUE_JOBS) {
    while (results.length < (options.maxJobs ?? 50) && Date.now() < deadline) {
      const [job] = await boss.fetch(queue.name, { batchSize: 1, includeMetadata: true });
      if (!job) break;
      try {
        await queue.handle(ctx, job.data, {
          retryCount: job.retryCount,
          retryLimit: job.retryLimit,
        });
        await boss.complete(queue.name, job.id);
        results.push({ queue: queue.name, id: job.id, outcome: 'completed' });
      } catch (err) {
        const message = (err as Error).message;
        await boss.fail(queue.name, job.id, { message });
        results.push({ queue: queue.name, id: job.id, outcome: 'failed', error: message });
      }
    }
  }
  return { processed: results.length, jobs: results };
}

/** pg-boss's job SQL on a postgres.js client, without a pool or a supervisor of its own. */
function bossOn(sql: Pool | ReservedSql): PgBoss {
  return new PgBoss({
    schema: QUEUE_SCHEMA,
    db: {
      executeSql: async (text, values) => ({
        rows: await sql.unsafe(
          text,
          (values ?? []).map((v) => (v === undefined ? null : v)) as never[],
        ),
      }),
    },
  });
}

/** pg-boss's maintenance opens its own transactions: give it one connection to itself. */
async function maintainQueue(sql: Pool): Promise<void> {
  const connection = await sql.reserve();
  try {
    await bossOn(connection).maintain();
  } finally {
    connection.release();
  }
}
