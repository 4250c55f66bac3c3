import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RollgateRole } from '../../shared/model/grant.ts';
import { signUserToken } from '../../stack/keys.ts';
import { productionRollout } from '../../stack/rollout-request.ts';
import { type Harness, setUp } from '../support/harness.ts';
import { GOOD_GATES, uniqueVersion } from '../support/orchestrator.ts';
import { rowSnapshot } from '../support/row-snapshot.ts';
import { personToken } from '../support/tokens.ts';

// Issue 12 finding 1: in a Supabase project `authenticated` is every person who signs up to the
// app. Before Rollgate's own roles, an ordinary user's JWT could start, approve, promote, pause,
// resume and roll back production, flip flags, write audit rows and feed the canary judge.
let h: Harness;

async function user(grants: Array<{ role: RollgateRole; environment?: string }> = []) {
  const sub = randomUUID();
  for (const g of grants) {
    const reply = await h.api.call('deploy-orchestrator', {
      action: 'grant_role',
      user_id: sub,
      ...g,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  }
  return signUserToken(h.api.signingKey, { sub, email: `${sub.slice(0, 8)}@example.com` });
}

async function productionCanary(): Promise<string> {
  const version = uniqueVersion();
  await h.o.stage(version);
  const started = await h.o.call('start_deployment', productionRollout(version, GOOD_GATES));
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  return started.body.result.deployment_id;
}

beforeAll(async () => {
  h = await setUp();
});

describe('an ordinary signed-up user (no Rollgate role)', () => {
  it('is refused every production operation with 403, and nothing is written', async () => {
    const id = await productionCanary();
    const token = await user();
    const attempts: Array<[string, Record<string, unknown>]> = [
      [
        'deploy-orchestrator',
        { action: 'start_deployment', environment: 'production', version: '9.9.9' },
      ],
      ['deploy-orchestrator', { action: 'approve', deployment_id: id }],
      ['deploy-orchestrator', { action: 'promote', deployment_id: id, full: true }],
      ['deploy-orchestrator', { action: 'pause', deployment_id: id }],
      ['deploy-orchestrator', { action: 'resume', deployment_id: id }],
      ['deploy-orchestrator', { action: 'rollback', deployment_id: id, reason: 'looks bad' }],
      ['deploy-orchestrator', { action: 'set_flag', flag: 'checkout-v2', weight: 100 }],
      ['deploy-orchestrator', { action: 'grant_role', user_id: randomUUID(), role: 'admin' }],
      [
        'production-monitoring',
        { action: 'log_deployment', environment: 'production', version: '1.0.0', status: 'failed' },
      ],
      [
        'production-monitoring',
        {
          action: 'record_requests',
          requests: [
            {
              duration_ms: 5,
              status: 500,
              environment: 'production',
              deployment_id: id,
              variant: 'canary',
            },
          ],
        },
      ],
      ['error-tracking', { action: 'track_error', message: 'boom', environment: 'production' }],
    ];
    const before = await rowSnapshot(h.db.sql);
    for (const [fn, body] of attempts) {
      const reply = await h.api.call(fn, body, { token });
      expect(reply.status, `${body.action}: ${JSON.stringify(reply.body)}`).toBe(403);
      expect(reply.body.error.code).toBe('forbidden');
    }
    expect(await rowSnapshot(h.db.sql)).toEqual(before);
    expect((await h.o.status(id))?.status).toBe('pending_approval');
    // The project's secret key may: it clears the way for the next test.
    const cleared = await h.o.call('rollback', { deployment_id: id, reason: 'test done' });
    expect(cleared.status).toBe(200);
  });

  it('still reads what the publishable key reads', async () => {
    const reply = await h.api.call(
      'deploy-orchestrator',
      { action: 'list_deployments' },
      { token: await user() },
    );
    expect(reply.status).toBe(200);
  });
});

describe('granted roles', () => {
  it('a deployer of staging deploys to staging but not to production', async () => {
    const token = await user([{ role: 'deployer', environment: 'staging' }]);
    const version = uniqueVersion();
    const staging = await h.o.call(
      'start_deployment',
      { environment: 'staging', version },
      { token },
    );
    expect(staging.status, JSON.stringify(staging.body)).toBe(200);
    const production = await h.o.call(
      'start_deployment',
      { environment: 'production', version, gates: GOOD_GATES },
      { token },
    );
    expect(production.status).toBe(403);
    expect(production.body.error.details).toMatchObject({
      required: 'deploy',
      environment: 'production',
    });
  });

  it('an approver of production approves a production canary, recorded as that person', async () => {
    const id = await productionCanary();
    const staging = await user([{ role: 'approver', environment: 'staging' }]);
    expect((await h.o.call('approve', { deployment_id: id }, { token: staging })).status).toBe(403);
    const token = await user([{ role: 'approver', environment: 'production' }]);
    const reply = await h.o.call('approve', { deployment_id: id }, { token });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const [row] = await h.db.sql<{ approved_by: string }[]>`
      select approved_by from deployments where deployment_id = ${id}`;
    expect(row?.approved_by).toMatch(/@example\.com$/);
    await h.o.call('rollback', { deployment_id: id, reason: 'test done' });
  });

  it('whoami reports the identity, its grants and permissions; revoke_role takes a role back', async () => {
    const sub = randomUUID();
    await h.api.call('deploy-orchestrator', { action: 'grant_role', user_id: sub, role: 'viewer' });
    const token = await signUserToken(h.api.signingKey, { sub });
    const me = await h.o.call('whoami', {}, { token });
    expect(me.body.result).toMatchObject({
      identity: `user:${sub}`,
      supabase_role: 'authenticated',
      grants: [{ role: 'viewer', environment: '*' }],
      permissions: ['read', 'view'],
    });
    const revoked = await h.api.call('deploy-orchestrator', {
      action: 'revoke_role',
      user_id: sub,
      role: 'viewer',
    });
    expect(revoked.body.result.changed).toBe(true);
    const after = await h.api.call('database-scalability', { action: 'table_sizes' }, { token });
    expect(after.status).toBe(403);
  });

  it('a viewer reads a deployment whole; a user without a role sees it without e-mails', async () => {
    const version = uniqueVersion();
    const staged = await h.o.call(
      'start_deployment',
      { environment: 'staging', version },
      { token: await personToken('ops@example.com', ['deployer']) },
    );
    const id = staged.body.result.deployment_id;
    const asPlain = await h.o.call('get_status', { deployment_id: id }, { token: await user() });
    expect(asPlain.body.result.deployed_by).toBe('[hidden]');
    const viewer = await user([{ role: 'viewer' }]);
    const asViewer = await h.o.call('get_status', { deployment_id: id }, { token: viewer });
    expect(asViewer.body.result.deployed_by).toBe('ops@example.com');
  });
});

// Issue 12 finding 2: the actor was free text for service callers, so one key could start a
// rollout as "alice" and approve it as "Alice". Now the actor is the credential's identity, and
// no key approves at all.
describe('one credential is one actor', () => {
  it('a key cannot approve, whatever actor it names; the audit records the key', async () => {
    const version = uniqueVersion();
    await h.o.stage(version);
    const started = await h.o.call('start_deployment', productionRollout(version, GOOD_GATES));
    const id = started.body.result.deployment_id;
    expect(started.body.result.deployed_by).toMatch(/^key:|^service_role$/);
    const approved = await h.o.call('approve', { deployment_id: id, actor: 'Alice' });
    expect(approved.status).toBe(403);
    expect(approved.body.error.details.required).toBe('approve');
    expect((await h.o.status(id))?.status).toBe('pending_approval');
    await h.o.call('rollback', { deployment_id: id, reason: 'test done' });
  });

  it('the same person cannot deploy and approve under two spellings of a name', async () => {
    const version = uniqueVersion();
    await h.o.stage(version);
    const alice = await personToken('alice@example.com', ['deployer', 'approver']);
    const started = await h.o.call(
      'start_deployment',
      { environment: 'production', version, actor: 'alice', gates: GOOD_GATES },
      { token: alice },
    );
    const id = started.body.result.deployment_id;
    const self = await h.o.call('approve', { deployment_id: id, actor: 'Alice' }, { token: alice });
    expect(self.status).toBe(422);
    expect(self.body.error.code).toBe('approval_by_deployer');
    await h.o.call('rollback', { deployment_id: id, reason: 'test done' });
  });
});
