import { IncomingWebhook } from '@slack/webhook';
import type { Pool } from '../sql/client.ts';
import { lockPending, markOutbox, type OutboxRow } from '../sql/notifications.ts';
import { renderSummary } from './templates.ts';

export interface SlackTargets {
  default: string | undefined;
  emergency: string | undefined;
}

/**
 * Delivers one outbox message to its Slack webhook. Delivered messages are skipped (a retried job
 * never posts twice); an unconfigured channel is marked skipped; a failure is recorded and thrown
 * so the queue retries with backoff, and marked failed on the last attempt.
 */
export async function deliverNotification(
  sql: Pool,
  outboxId: number,
  targets: SlackTargets,
  lastAttempt: boolean,
) {
  return sql.begin(async (tx) => {
    const [row] = await lockPending(tx, outboxId);
    if (!row) return { outcome: 'already_done' as const };
    const url = row.channel === 'emergency' ? targets.emergency : targets.default;
    if (!url) {
      await markOutbox(
        tx,
        row.id,
        'skipped',
        `no ${row.channel === 'emergency' ? 'SLACK_EMERGENCY_WEBHOOK' : 'SLACK_WEBHOOK_URL'} configured`,
      );
      return { outcome: 'skipped' as const };
    }
    try {
      await new IncomingWebhook(url, { timeout: 10_000 }).send(messageOf(row));
    } catch (err) {
      const message = ((err as Error).message ?? String(err)).slice(0, 500);
      // Record the attempt even though the job will be retried: failures stay visible.
      await markOutbox(tx, row.id, lastAttempt ? 'failed' : 'pending', message);
      if (lastAttempt) return { outcome: 'failed' as const };
      return { outcome: 'retry' as const, error: message };
    }
    await markOutbox(tx, row.id, 'delivered', null);
    return { outcome: 'delivered' as const };
  });
}

/** A summary is rendered when it is sent, so it carries the minute's final count. */
function messageOf(row: OutboxRow) {
  if (row.kind !== 'summary' || !row.summary_minute) return row.message;
  return renderSummary(row.source, row.suppressed, new Date(row.summary_minute));
}
