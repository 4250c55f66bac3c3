import { beforeAll, describe, expect, it } from 'vitest';
import { deliverNotification } from '../../shared/notifications/deliver.ts';
import { harnessForFile } from '../support/harness.ts';
import { relayAuditWebhook, slackDelivery } from '../support/notification-path.ts';
import { clearProduction, startedCanary, traffic } from '../support/orchestrator.ts';
import type { SlackReceiver } from '../support/slack-receiver.ts';
import { waitFor } from '../support/stack-process.ts';
import { recordRequests } from '../support/telemetry.ts';
import { operatorToken } from '../support/tokens.ts';

// Issue 12, finding 5: request values went unescaped into mrkdwn, a signed-up user's
// "failed production" log_deployment paged the emergency channel, and 1,000 log_deployment calls
// queued their messages ahead of real alerts.
const h = harnessForFile();
let slack: SlackReceiver;
let user: string;
const USER_ID = '00000000-0000-4000-8000-0000000000f5';

beforeAll(async () => {
  slack = await slackDelivery(h.db, { default: '/default', emergency: '/emergency' });
  await relayAuditWebhook(h.db, h.api);
  // A signed-in user who may log deployments (a deployer), not a service caller.
  user = await operatorToken(['deployer'], USER_ID);
});

const logDeployment = (deployment: Record<string, unknown>, token?: string) =>
  h.api.call('production-monitoring', { action: 'log_deployment', deployment }, { token });

const outboxLike = (prefix: string) =>
  h.db.sql<{ kind: string; channel: string; suppressed: number }[]>`
    select kind, channel, coalesce((to_jsonb(o)->>'suppressed')::int, 0) as suppressed
      from notification_outbox o where deployment_id like ${`${prefix}%`} order by id`;

describe('Slack messages', () => {
  it('arrive with mentions and links inert, and a user’s report never pages the emergency channel', async () => {
    const id = `inj-${Date.now()}`;
    const reply = await logDeployment(
      {
        deployment_id: id,
        environment: 'production',
        status: 'failed',
        error_message: '<!channel> open <https://evil.example|the vault> & rotate',
        deployed_by: '<@U024BE7LH>',
      },
      user,
    );
    expect(reply.status).toBe(200);
    await waitFor(
      () => slack.delivered('/default').some((p) => p.body.text.includes(id)),
      15_000,
      'the default message',
    );
    const message = JSON.stringify(
      slack.delivered('/default').find((p) => p.body.text.includes(id))?.body,
    );
    expect(message).not.toContain('<!channel>');
    expect(message).not.toContain('<https://evil.example');
    expect(message).not.toContain('<@U024BE7LH>');
    expect(message).toContain(
      '&lt;!channel&gt; open &lt;https://evil.example|the vault&gt; &amp; rotate',
    );
    // The sender is the credential, never the body: the claimed deployer is marked as a claim.
    expect(message).toContain('*Deployed by*\\n&lt;@U024BE7LH&gt; (as reported)');
    expect(message).toContain(`*Sent by*\\n${USER_ID}`);
    await new Promise((r) => setTimeout(r, 1000));
    expect(slack.posts.filter((p) => p.path === '/emergency' && p.body.text.includes(id))).toEqual(
      [],
    );
    expect(await outboxLike(id)).toEqual([{ kind: 'failed', channel: 'default', suppressed: 0 }]);
  });

  it('page the emergency channel for a production failure a service_role caller reports', async () => {
    const id = `svc-${Date.now()}`;
    expect(
      (await logDeployment({ deployment_id: id, environment: 'production', status: 'failed' }))
        .status,
    ).toBe(200);
    await waitFor(
      () => slack.delivered('/emergency').some((p) => p.body.text.includes(id)),
      15_000,
      'the emergency message',
    );
  });

  it('from one source are limited per minute; the excess collapses into one summary', async () => {
    const prefix = `flood-${Date.now()}-`;
    const calls = 40;
    for (let i = 0; i < calls; i += 8) {
      const batch = Array.from({ length: Math.min(8, calls - i) }, (_, j) =>
        logDeployment(
          { deployment_id: `${prefix}${i + j}`, environment: 'staging', status: 'success' },
          user,
        ),
      );
      for (const r of await Promise.all(batch)) expect(r.status).toBe(200);
    }
    const accounted = async () => {
      const rows = await outboxLike(prefix);
      const regular = rows.filter((r) => r.kind !== 'summary').length;
      return regular + rows.reduce((n, r) => n + r.suppressed, 0);
    };
    await waitFor(async () => (await accounted()) === calls, 30_000, 'every report');
    const rows = await outboxLike(prefix);
    const regular = rows.filter((r) => r.kind !== 'summary');
    // 10 a minute; a run that straddles a minute boundary may use two minutes' allowance.
    expect(regular.length).toBeLessThanOrEqual(20);
    expect(rows.filter((r) => r.kind === 'summary').length).toBeGreaterThanOrEqual(1);

    // The summary waits for its minute to end; delivered now, it carries the count so far.
    const [summary] = await h.db.sql<{ id: number; suppressed: number }[]>`
      select id::float8 as id, suppressed from notification_outbox
       where deployment_id like ${`${prefix}%`} and kind = 'summary' order by id limit 1`;
    const targets = { default: slack.url('/default'), emergency: slack.url('/emergency') };
    expect(await deliverNotification(h.db.sql, summary?.id as number, targets, false)).toEqual({
      outcome: 'delivered',
    });
    const sent = slack.delivered('/default').find((p) => p.body.text.includes('collapsed'));
    expect(sent?.body.text).toContain(`${summary?.suppressed} from log_deployment:`);
  });

  it('that Rollgate decided itself jump the queue ahead of reports', async () => {
    await clearProduction(h.o);
    const { id } = await startedCanary(h.o);
    await recordRequests(h.api, [
      ...traffic(id, 'stable', 600),
      ...traffic(id, 'canary', 200, { errorsPer100: 30 }),
    ]);
    expect((await h.o.status(id))?.status).toBe('rolled_back');
    const jobs = await h.db.sql<{ kind: string; priority: number }[]>`
      select o.kind, j.priority from notification_outbox o
        join pgboss.job j on j.name = 'notification' and (j.data->>'outbox_id')::bigint = o.id
       where o.deployment_id = ${id} or o.deployment_id like 'flood-%'`;
    const rollback = jobs.filter((j) => j.kind === 'rolled_back' || j.kind === 'emergency');
    const reports = jobs.filter((j) => j.kind === 'succeeded' || j.kind === 'summary');
    expect(rollback.length).toBe(2);
    expect(reports.length).toBeGreaterThan(0);
    const lowestRollback = Math.min(...rollback.map((j) => j.priority));
    expect(reports.every((j) => j.priority < lowestRollback)).toBe(true);
    await waitFor(
      () => slack.delivered('/emergency').some((p) => p.body.text.includes(id)),
      15_000,
      'the rollback’s emergency message',
    );
  });
});
