import { z } from 'zod';

/** Queue names are constants; each payload has one schema used by sender and worker alike. */
export const QUEUES = {
  rolloutStep: 'rollout-step',
  trafficWebhook: 'traffic-webhook',
  notification: 'notification',
} as const;

export const notificationJob = z.object({ outbox_id: z.number().int().positive() });

export const rolloutStepJob = z.object({
  deployment_id: z.string(),
  step: z.number().int().min(0),
  /** Which arming of this step (a hold or a resume re-arms it): stale timers are ignored. */
  arm: z.number().int().min(0),
});
export type RolloutStepJob = z.infer<typeof rolloutStepJob>;

export const trafficWebhookJob = z.object({
  deployment_id: z.string(),
  environment: z.string(),
  weight: z.number().int().min(0).max(100),
  url: z.url(),
  /** The audit row that decided this weight: the receiver's idempotency key. */
  audit_id: z.number().int(),
});
export type TrafficWebhookJob = z.infer<typeof trafficWebhookJob>;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface QueueDefinition {
  payload: z.ZodType;
  /** pg-boss queue policy (the migrations create each queue with it). */
  policy: 'standard' | 'singleton';
  /** Defaults for every send (a sender may override); failures retry with this backoff. */
  retry: { retryLimit: number; retryDelay: number; retryBackoff: boolean };
}

/** Each queue's payload schema and retry: `sendJob` checks the one and applies the other. */
export const QUEUE_DEFINITIONS: Record<QueueName, QueueDefinition> = {
  [QUEUES.rolloutStep]: {
    payload: rolloutStepJob,
    policy: 'standard',
    retry: { retryLimit: 5, retryDelay: 2, retryBackoff: true },
  },
  [QUEUES.trafficWebhook]: {
    payload: trafficWebhookJob,
    policy: 'standard',
    retry: { retryLimit: 3, retryDelay: 1, retryBackoff: true },
  },
  [QUEUES.notification]: {
    payload: notificationJob,
    policy: 'standard',
    retry: { retryLimit: 8, retryDelay: 2, retryBackoff: true },
  },
};
