import { afterAll } from 'vitest';
import { silentLogger } from '../../shared/log.ts';
import { startWebhookRelay } from '../../stack/webhook-relay.ts';
import { startWorkers } from './orchestrator.ts';
import { type SlackReceiver, startSlackReceiver } from './slack-receiver.ts';
import type { TestApi } from './test-api.ts';
import type { TestDatabase } from './test-database.ts';

// The way a deployment event takes to Slack in the local stack: an audit row, the webhook relay
// to deploy-orchestrator, the notification outbox, the queue workers, Slack's incoming webhook.

/**
 * A Slack receiver on loopback and the real queue workers posting to it: `channels` are the
 * receiver's paths the default and the emergency webhook URL point at.
 */
export async function slackDelivery(
  db: TestDatabase,
  channels: { default: string; emergency?: string },
  receiver: Parameters<typeof startSlackReceiver>[0] = {},
): Promise<SlackReceiver> {
  const slack = await startSlackReceiver(receiver);
  await startWorkers(db, {
    slack: {
      default: slack.url(channels.default),
      emergency: channels.emergency === undefined ? undefined : slack.url(channels.emergency),
    },
  });
  return slack;
}

/** The stack's audit webhook relay from this database to this API's deploy-orchestrator. */
export async function relayAuditWebhook(db: TestDatabase, api: TestApi): Promise<void> {
  const relay = await startWebhookRelay(
    db.url,
    `${api.url}/functions/v1/deploy-orchestrator`,
    api.serviceKey,
    silentLogger,
  );
  afterAll(() => relay.stop());
}
