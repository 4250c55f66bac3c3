import PgBoss from 'pg-boss';
import type { Pool } from '../sql/client.ts';
import { ROLLOUT_WORKERS, type WorkerContext } from './rollout-workers.ts';
import { QUEUE_SCHEMA } from './send-job.ts';

export interface DrainResult {
  queue: string;
  id: string;
  outcome: 'completed' | 'failed';
  error?: string;
}

/**
 * The serverless path: fetches the jobs that are due from the orchestrator's queues and runs the
 * very handlers the local stack's long-running workers run, completing or failing each in pg-boss
 * (which then retries with its backoff). Bounded so one call fits a function's time limit.
 */
export async function drainDueJobs(
  sql: Pool,
  ctx: WorkerContext,
  options: { maxJobs?: number; maxMs?: number } = {},
) {
  const boss = new PgBoss({
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
  const deadline = Date.now() + (options.maxMs ?? 20_000);
  const results: DrainResult[] = [];
  for (const worker of ROLLOUT_WORKERS) {
    while (results.length < (options.maxJobs ?? 50) && Date.now() < deadline) {
      const [job] = await boss.fetch(worker.queue, { batchSize: 1, includeMetadata: true });
      if (!job) break;
      try {
        await worker.handle(ctx, job.data, {
          retryCount: job.retryCount,
          retryLimit: job.retryLimit,
        });
        await boss.complete(worker.queue, job.id);
        results.push({ queue: worker.queue, id: job.id, outcome: 'completed' });
      } catch (err) {
        const message = (err as Error).message;
        await boss.fail(worker.queue, job.id, { message });
        results.push({ queue: worker.queue, id: job.id, outcome: 'failed', error: message });
      }
    }
  }
  return { processed: results.length, jobs: results };
}
