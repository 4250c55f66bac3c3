import { beforeAll, describe, expect, it } from 'vitest';
import { harnessForFile } from '../support/harness.ts';
import { relayAuditWebhook, slackDelivery } from '../support/notification-path.ts';
import type { SlackReceiver } from '../support/slack-receiver.ts';
import { waitFor } from '../support/stack-process.ts';

const h = harnessForFile();
let slack: SlackReceiver;

beforeAll(async () => {
  slack = await slackDelivery(h.db, { default: '/default', emergency: '/emergency' });
  await relayAuditWebhook(h.db, h.api);
});

const outboxFor = async (id: string) =>
  h.db.sql<
    { kind: string; channel: string }[]
  >`select kind, channel from notification_outbox where deployment_id = ${id} order by id`;

describe('the deployment_audit webhook', () => {
  it('carries another tool’s logged failure to Slack, emergency channel included', async () => {
    const id = `external-${Date.now()}`;
    const logged = await h.api.call('production-monitoring', {
      action: 'log_deployment',
      deployment: {
        deployment_id: id,
        environment: 'production',
        status: 'failed',
        error_message: 'helm upgrade timed out',
      },
    });
    expect(logged.status).toBe(200);
    await waitFor(
      () =>
        slack.delivered('/emergency').some((p) => p.body.text.includes(id)) &&
        slack.delivered('/default').some((p) => p.body.text.includes(id)),
      15_000,
      'both messages',
    );
    expect(await outboxFor(id)).toEqual([
      { kind: 'failed', channel: 'default' },
      { kind: 'emergency', channel: 'emergency' },
    ]);
    const failed = slack.delivered('/default').find((p) => p.body.text.includes(id));
    expect(JSON.stringify(failed?.body.blocks)).toContain('helm upgrade timed out');
  });

  it('ignores the orchestrator’s own rows, so nothing is notified twice', async () => {
    const reply = await h.o.call('start_deployment', {
      environment: 'development',
      version: 'w-1',
    });
    const id = reply.body.result.deployment_id;
    await waitFor(async () => (await outboxFor(id)).length >= 1, 5000, 'the outbox row');
    await new Promise((r) => setTimeout(r, 500));
    expect(await outboxFor(id)).toEqual([{ kind: 'succeeded', channel: 'default' }]);
  });

  it('is idempotent and authenticated', async () => {
    const id = `external-dup-${Date.now()}`;
    await h.api.call('production-monitoring', {
      action: 'log_deployment',
      deployment: { deployment_id: id, environment: 'staging', status: 'success' },
    });
    await waitFor(async () => (await outboxFor(id)).length === 1, 10_000, 'the first delivery');
    const [row] = await h.db.sql`
      select to_jsonb(a) as record from deployment_audit a where deployment_id = ${id}`;
    const payload = {
      type: 'INSERT',
      table: 'deployment_audit',
      schema: 'public',
      record: row?.record,
      old_record: null,
    };
    const again = await h.api.call('deploy-orchestrator', payload);
    expect(again.status).toBe(200);
    expect(await outboxFor(id)).toHaveLength(1);
    expect((await h.api.call('deploy-orchestrator', payload, { token: null })).status).toBe(401);
    expect(
      (await h.api.call('deploy-orchestrator', payload, { token: h.api.anonKey })).status,
    ).toBe(403);
    const other = await h.api.call('deploy-orchestrator', { ...payload, table: 'users' });
    expect(other.status).toBe(422);
  });
});
