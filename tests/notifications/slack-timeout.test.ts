import { beforeAll, describe, expect, it } from 'vitest';
import { harnessForFile } from '../support/harness.ts';
import { slackDelivery } from '../support/notification-path.ts';
import type { SlackReceiver } from '../support/slack-receiver.ts';
import { waitFor } from '../support/stack-process.ts';

const h = harnessForFile();
let slack: SlackReceiver;

beforeAll(async () => {
  // Slack accepts the connection and never answers the first post: the 10 s timeout must fire.
  slack = await slackDelivery(h.db, { default: '/services/hanging' }, { hangFirst: 1 });
});

describe('a Slack webhook that times out', () => {
  it('is retried with backoff and delivered once after it recovers, the deployment unaffected', async () => {
    const started = Date.now();
    const reply = await h.o.call('start_deployment', {
      environment: 'development',
      version: 'slack-timeout-1',
    });
    // The rollout does not wait for Slack.
    expect(reply.body.result.status).toBe('succeeded');
    expect(Date.now() - started).toBeLessThan(5_000);
    const id = reply.body.result.deployment_id as string;

    await waitFor(
      () => slack.delivered('/services/hanging').length === 1,
      30_000,
      () =>
        `a delivery after the timeout; posts: ${JSON.stringify(slack.posts.map((p) => p.answered))}`,
    );
    await new Promise((r) => setTimeout(r, 1500)); // and nothing more arrives
    expect(slack.posts.map((p) => p.answered)).toEqual([0, 200]);
    const [row] = await h.db.sql<{ status: string; attempts: number; last_error: string | null }[]>`
      select status, attempts, last_error from notification_outbox where deployment_id = ${id}`;
    expect(row).toEqual({ status: 'delivered', attempts: 2, last_error: null });
    const retriedAfter = Date.now() - started;
    expect(retriedAfter).toBeGreaterThan(10_000);
  }, 45_000);
});
