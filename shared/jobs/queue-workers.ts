import { z } from 'zod';
import { deliverNotification, type SlackTargets } from '../notifications/deliver.ts';
import {
  notificationJob,
  QUEUES,
  type QueueName,
  rolloutStepJob,
  trafficWebhookJob,
} from '../queue/queues.ts';
import { runCommand } from '../rollout/commands.ts';
import { onStepTimer } from '../rollout/step-timer.ts';
import { deliverTrafficWebhook } from '../rollout/traffic-webhook.ts';
import type { Pool } from '../sql/client.ts';

export interface WorkerContext {
  sql: Pool;
  webhookSecret: string;
  slack: SlackTargets;
}

export interface JobMeta {
  retryCount: number;
  retryLimit: number;
}

export interface QueueWorker {
  queue: QueueName;
  handle(ctx: WorkerContext, data: unknown, meta: JobMeta): Promise<unknown>;
}

/**
 * Every queue's handler: rollout step timers, traffic webhooks and Slack deliveries. The local
 * stack's long-running worker and a serverless tick both call exactly these.
 */
export const QUEUE_WORKERS: readonly QueueWorker[] = [
  {
    queue: QUEUES.rolloutStep,
    handle: (ctx, data) =>
      ctx.sql.begin((tx) => onStepTimer(tx, rolloutStepJob.parse(data), new Date())),
  },
  {
    queue: QUEUES.trafficWebhook,
    async handle(ctx, data, meta) {
      const job = trafficWebhookJob.parse(data);
      try {
        await deliverTrafficWebhook(job, ctx.webhookSecret);
      } catch (err) {
        if (meta.retryCount < meta.retryLimit) throw err;
        // Out of retries: the step could not set its traffic, so the rollout fails (weight 0).
        return ctx.sql
          .begin((tx) =>
            runCommand(
              tx,
              job.deployment_id,
              { type: 'fail' },
              {
                actor: 'rollgate',
                now: new Date(),
                reason: `traffic webhook failed after ${meta.retryCount + 1} attempts: ${(err as Error).message}`,
              },
            ),
          )
          .catch((failErr) => {
            // Already terminal (e.g. rolled back meanwhile): nothing left to fail.
            if ((failErr as { code?: string }).code !== 'illegal_transition') throw failErr;
          });
      }
    },
  },
  {
    queue: QUEUES.notification,
    async handle(ctx, data, meta) {
      const { outbox_id } = notificationJob.parse(data);
      const result = await deliverNotification(
        ctx.sql,
        outbox_id,
        ctx.slack,
        meta.retryCount >= meta.retryLimit,
      );
      // Thrown after the attempt was recorded, so pg-boss retries with backoff.
      if (result.outcome === 'retry') throw new Error(`slack delivery failed: ${result.error}`);
      return result;
    },
  },
];

export const jobMetaSchema = z.object({
  retryCount: z.number().default(0),
  retryLimit: z.number().default(0),
});
