import { beforeAll, describe, expect, it } from 'vitest';
import {
  clearProduction,
  orchestrator,
  startedCanary,
  startWorkers,
  traffic,
} from '../support/orchestrator.ts';
import { startSlackReceiver } from '../support/slack-receiver.ts';
import { waitFor } from '../support/stack-process.ts';
import { recordRequests } from '../support/telemetry.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDatabase } from '../support/test-database.ts';

let api: TestApi;
let o: ReturnType<typeof orchestrator>;
let slack: Awaited<ReturnType<typeof startSlackReceiver>>;

beforeAll(async () => {
  const db = await createTestDatabase();
  api = await startTestApi(db);
  // The first two posts to each channel fail, as in a Slack outage.
  slack = await startSlackReceiver({ failFirst: 2 });
  await startWorkers(db, {
    slack: { default: slack.url('/services/default'), emergency: slack.url('/services/emergency') },
  });
  o = orchestrator(api);
});

type Post = {
  body: {
    text: string;
    blocks: Array<{ type: string; text?: { text: string }; fields?: Array<{ text: string }> }>;
  };
};
const headerOf = (post: Post) => post.body.blocks.find((b) => b.type === 'header')?.text?.text;

describe('Slack notifications', () => {
  it('are delivered once each despite an outage, for every moment of a rollout that ends in a rollback', async () => {
    await clearProduction(o);
    const { id } = await startedCanary(o);
    // The rollout does not wait for Slack: it is progressing while every delivery still fails.
    expect((await o.status(id))?.status).toBe('progressing');
    await recordRequests(api, [
      ...traffic(id, 'stable', 600),
      ...traffic(id, 'canary', 200, { errorsPer100: 30 }),
    ]);
    expect((await o.status(id))?.status).toBe('rolled_back');

    const mine = (path: string) => slack.delivered(path).filter((p) => p.body.text.includes(id));
    await waitFor(
      () => mine('/services/default').length >= 3 && mine('/services/emergency').length >= 1,
      30_000,
      () => `deliveries: ${JSON.stringify(mine('/services/default').map(headerOf))}`,
    );
    await new Promise((r) => setTimeout(r, 2000)); // and nothing more arrives
    const headers = mine('/services/default').map(headerOf);
    expect(headers).toHaveLength(3);
    expect(new Set(headers)).toEqual(
      new Set([
        '⏳ [SCHEDULED] Deployment awaiting approval',
        '🚀 Deployment started',
        '⏪ Deployment rolled back',
      ]),
    );

    const emergency = mine('/services/emergency');
    expect(emergency).toHaveLength(1);
    expect(headerOf(emergency[0] as Post)).toBe(
      '🚨 Production deployment failed - Incident response activated',
    );
    const fields = (emergency[0]?.body.blocks.find((b) => b.type === 'section')?.fields ?? []).map(
      (f) => f.text,
    );
    expect(fields).toContain(`*Deployment ID*\n${id}`);
    expect(fields.find((f) => f.startsWith('*Reason*'))).toMatch(
      /canary analysis failed: error_rate/,
    );

    const listed = (await o.call('list_notifications', { deployment_id: id })).body.result
      .notifications;
    expect(listed).toHaveLength(4);
    expect(listed.every((n: { status: string }) => n.status === 'delivered')).toBe(true);
    expect(listed.some((n: { attempts: number }) => n.attempts >= 2)).toBe(true);
  });

  it('marks a message skipped when its channel has no webhook, and the deployment goes on', async () => {
    const quiet = await createTestDatabase();
    const quietApi = await startTestApi(quiet);
    await startWorkers(quiet); // no Slack configured
    const reply = await orchestrator(quietApi).call('start_deployment', {
      environment: 'development',
      version: 'dev-1',
    });
    expect(reply.body.result.status).toBe('succeeded');
    const id = reply.body.result.deployment_id;
    await waitFor(
      async () =>
        (await quiet.sql`select status from notification_outbox where deployment_id = ${id}`)[0]
          ?.status === 'skipped',
      10_000,
      'the message to be marked skipped',
    );
    const [row] =
      await quiet.sql`select kind, status, last_error from notification_outbox where deployment_id = ${id}`;
    expect(row).toEqual({
      kind: 'succeeded',
      status: 'skipped',
      last_error: 'no SLACK_WEBHOOK_URL configured',
    });
  });
});
