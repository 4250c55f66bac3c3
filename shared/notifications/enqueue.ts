import { QUEUES } from '../queue/queues.ts';
import { type JobOptions, sendJob } from '../queue/send-job.ts';
import type { Sql } from '../sql/client.ts';
import type { DeploymentRow } from '../sql/deployments.ts';
import { insertOutbox, lockSource, sourceUsage } from '../sql/notifications.ts';
import { loadOrigin } from './origin.ts';
import { collapseIntoSummary } from './summary.ts';
import { kindOf, render } from './templates.ts';

/** Delivery retries: 8 attempts with exponential backoff from 2 s (about 8 minutes in all). */
export const DELIVERY_RETRY = { retryLimit: 8, retryDelay: 2, retryBackoff: true } as const;

/** Messages one source may queue per minute; the rest of that minute collapse into one summary. */
export const MESSAGES_PER_SOURCE_PER_MINUTE = 10;

/** pg-boss fetches higher priorities first: Rollgate's own alerts never wait behind reports. */
export const ROLLGATE_PRIORITY = 10;

/**
 * Writes the messages an audit event calls for into the outbox, in the caller's transaction, and
 * queues their delivery. Failures and rollbacks in production also go to the emergency channel,
 * when Rollgate decided them or a trusted caller reported them. Each source (the caller behind
 * the event) may queue MESSAGES_PER_SOURCE_PER_MINUTE per minute; Rollgate's own decisions are
 * not limited and are delivered first. Idempotent per audit row.
 */
export async function enqueueNotifications(
  tx: Sql,
  deployment: DeploymentRow,
  event: string,
  auditId: number,
  at: Date,
) {
  const kind = kindOf(event, deployment.status);
  if (!kind) return;
  const origin = await loadOrigin(tx, auditId);
  if (!origin.rollgateDecided) {
    await lockSource(tx, origin.source);
    const usage = await sourceUsage(tx, origin.source, auditId);
    if (usage.for_audit > 0) return; // a repeated webhook delivery: already queued
    if (usage.this_minute >= MESSAGES_PER_SOURCE_PER_MINUTE) {
      await collapseIntoSummary(tx, deployment.deployment_id, auditId, origin.source);
      return;
    }
  }
  const messages: Array<{
    channel: 'default' | 'emergency';
    kind: string;
    message: ReturnType<typeof render>;
  }> = [{ channel: 'default', kind, message: render(kind, deployment, at, origin) }];
  if (
    (kind === 'failed' || kind === 'rolled_back') &&
    deployment.environment === 'production' &&
    origin.emergencyAllowed
  ) {
    messages.push({
      channel: 'emergency',
      kind: 'emergency',
      message: render('emergency', deployment, at, origin),
    });
  }
  for (const m of messages) {
    const [row] = await insertOutbox(tx, {
      deployment_id: deployment.deployment_id,
      audit_id: auditId,
      source: origin.source,
      ...m,
    });
    const options: JobOptions = {
      singletonKey: `notification:${row?.id}`,
      ...DELIVERY_RETRY,
      priority: origin.rollgateDecided ? ROLLGATE_PRIORITY : 0,
    };
    if (row) await sendJob(tx, QUEUES.notification, { outbox_id: row.id }, options);
  }
}
