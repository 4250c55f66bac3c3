import { beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../shared/log.ts';
import { startWebhookRelay } from '../../stack/webhook-relay.ts';
import { startSlackReceiver } from '../support/slack-receiver.ts';
import { waitFor } from '../support/stack-process.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

// Issue 12, finding 9: any database login may pg_notify('rollgate_webhook', …); the relay posts
// what it forwards with the service_role key, so it must forward only what the table holds.
let db: TestDatabase;
let receiver: Awaited<ReturnType<typeof startSlackReceiver>>;
const warnings: Array<{ event: string; fields?: Record<string, unknown> }> = [];
const PATH = '/functions/v1/deploy-orchestrator';

beforeAll(async () => {
  db = await createTestDatabase();
  // The receiver stands in for deploy-orchestrator: it records what the relay would deliver.
  receiver = await startSlackReceiver();
  const log: Logger = (level, event, fields) => {
    if (level === 'warn') warnings.push({ event, fields });
  };
  const relay = await startWebhookRelay(db.url, receiver.url(PATH), 'service-key', log);
  return () => relay.stop();
});

async function insertAuditRow(deploymentId: string, status: string) {
  const [row] = await db.sql<{ id: string }[]>`
    insert into deployment_audit (deployment_id, environment, deployment_type, deployment_status,
      started_at, event, source, prev_hash, hash)
    values (${deploymentId}, 'production', 'standard', ${status}, now(), 'logged', 'log_deployment', '', '')
    returning id`;
  return Number(row?.id);
}

// biome-ignore lint/suspicious/noExplicitAny: the forwarded body is arbitrary JSON
const forwarded = () => receiver.posts.map((p) => p.body as any);

describe('the webhook relay', () => {
  it('drops a forged notification whose id is not in deployment_audit, with a warning', async () => {
    const forged = {
      type: 'INSERT',
      table: 'deployment_audit',
      schema: 'public',
      record: {
        id: 987654321,
        deployment_id: 'forged',
        environment: 'production',
        event: 'failed',
      },
      old_record: null,
    };
    await db.sql`select pg_notify('rollgate_webhook', ${JSON.stringify(forged)})`;
    const realId = await insertAuditRow(`real-${Date.now()}`, 'success');
    await waitFor(
      () => forwarded().some((b) => Number(b.record?.id) === realId),
      10_000,
      'the real row',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(forwarded().some((b) => b.record?.deployment_id === 'forged')).toBe(false);
    expect(warnings.some((w) => w.event === 'webhook_relay_unknown_row')).toBe(true);
  });

  it('forwards the row as stored, not what the notification claims about it', async () => {
    const deploymentId = `stored-${Date.now()}`;
    const id = await insertAuditRow(deploymentId, 'success');
    const forged = {
      type: 'INSERT',
      table: 'deployment_audit',
      schema: 'public',
      record: {
        id,
        deployment_id: deploymentId,
        deployment_status: 'failed',
        event: 'rolled_back',
      },
      old_record: null,
    };
    await db.sql`select pg_notify('rollgate_webhook', ${JSON.stringify(forged)})`;
    await waitFor(
      () => forwarded().filter((b) => Number(b.record?.id) === id).length >= 2,
      10_000,
      'the row announced twice (trigger and forged notify)',
    );
    for (const body of forwarded().filter((b) => Number(b.record?.id) === id)) {
      expect(body.record.deployment_status).toBe('success');
      expect(body.record.event).toBe('logged');
      expect(body).toMatchObject({ type: 'INSERT', table: 'deployment_audit', schema: 'public' });
    }
  });

  it('ignores notifications that are not JSON or name another table', async () => {
    const before = receiver.posts.length;
    await db.sql`select pg_notify('rollgate_webhook', 'not json')`;
    await db.sql`select pg_notify('rollgate_webhook', ${JSON.stringify({ type: 'INSERT', table: 'deployments', schema: 'public', record: { id: 1 } })})`;
    const realId = await insertAuditRow(`after-${Date.now()}`, 'success');
    await waitFor(
      () => forwarded().some((b) => Number(b.record?.id) === realId),
      10_000,
      'the real row',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.posts.length).toBe(before + 1);
  });
});
