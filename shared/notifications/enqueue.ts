import { QUEUES } from '../jobs/queues.ts';
import { sendJob } from '../jobs/send-job.ts';
import type { Sql } from '../sql/client.ts';
import type { DeploymentRow } from '../sql/deployments.ts';
import { insertOutbox } from '../sql/notifications.ts';
import { kindOf, render } from './templates.ts';

/** Delivery retries: 8 attempts with exponential backoff from 2 s (about 8 minutes in all). */
export const DELIVERY_RETRY = { retryLimit: 8, retryDelay: 2, retryBackoff: true } as const;

/**
 * Writes the messages an audit event calls for into the outbox, in the caller's transaction, and
 * queues their delivery. Failures and rollbacks in production also go to the emergency channel.
 */
export async function enqueueNotifications(
  tx: Sql,
  d: DeploymentRow,
  event: string,
  auditId: number,
  at: Date,
) {
  const kind = kindOf(event, d.status);
  if (!kind) return;
  const messages: Array<{
    channel: 'default' | 'emergency';
    kind: string;
    message: ReturnType<typeof render>;
  }> = [{ channel: 'default', kind, message: render(kind, d, at) }];
  if ((kind === 'failed' || kind === 'rolled_back') && d.environment === 'production') {
    messages.push({ channel: 'emergency', kind: 'emergency', message: render('emergency', d, at) });
  }
  for (const m of messages) {
    const [row] = await insertOutbox(tx, {
      deployment_id: d.deployment_id,
      audit_id: auditId,
      ...m,
    });
    if (row)
      await sendJob(
        tx,
        QUEUES.notification,
        { outbox_id: row.id },
        { singletonKey: `notification:${row.id}`, ...DELIVERY_RETRY },
      );
  }
}
