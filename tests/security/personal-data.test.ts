import { beforeAll, describe, expect, it } from 'vitest';
import { setUp } from '../support/harness.ts';
import { rowSnapshot } from '../support/row-snapshot.ts';
import type { TestApi } from '../support/test-api.ts';
import type { TestDatabase } from '../support/test-database.ts';
import { operatorToken, personToken } from '../support/tokens.ts';

// Issue 12, finding 8: error issue titles carried e-mails, card numbers and keys to every
// signed-in user, who could also resolve issues or file events under a chosen fingerprint; anon
// read actors' e-mails and webhook URLs through get_status and list_deployments.
let db: TestDatabase;
let api: TestApi;
let user: string;

beforeAll(async () => {
  ({ db, api } = await setUp());
  // A signed-in user who may report errors and read issues (a deployer), but is no admin.
  user = await operatorToken(['deployer'], '00000000-0000-4000-8000-0000000000d8');
});

const errors = (body: Record<string, unknown>, token?: string) =>
  api.call('error-tracking', body, { token });

describe('error issues', () => {
  it('get titles without e-mails, card numbers or secrets', async () => {
    const component = `pay-${Date.now()}`;
    const reply = await errors(
      {
        action: 'track_error',
        error_message:
          'charge failed for jane.doe@example.com card 4242 4242 4242 4242 with sk_live_51HqLyjWDarjtT1zdp7dc\nstack…',
        component,
        severity: 'error',
      },
      user,
    );
    expect(reply.status).toBe(200);
    const [issue] = (await errors({ action: 'list_issues', component }, user)).body.result.issues;
    expect(issue.title).toBe('charge failed for [email] card [card] with [token]');
  });

  it('may not be resolved by an ordinary signed-in user', async () => {
    const component = `res-${Date.now()}`;
    const tracked = await errors(
      { action: 'track_error', error_message: 'boom', component, severity: 'error' },
      user,
    );
    const issueId = tracked.body.result.issue_id;
    const reply = await errors(
      { action: 'update_issue', issue_id: issueId, status: 'resolved' },
      user,
    );
    expect(reply.status).toBe(403);
    expect(
      (await errors({ action: 'update_issue', issue_id: issueId, status: 'resolved' })).status,
    ).toBe(200);
  });

  it('do not take events under a fingerprint a signed-in user chose, and nothing is written', async () => {
    const before = await rowSnapshot(db.sql);
    const reply = await errors(
      {
        action: 'track_error',
        error_message: 'noise',
        component: 'web',
        severity: 'error',
        fingerprint: 'someone-elses-issue',
      },
      user,
    );
    expect(reply.status).toBe(403);
    expect(await rowSnapshot(db.sql)).toEqual(before);
  });
});

describe('deployments read by anon', () => {
  it('show no actor e-mail and no webhook URL; service_role sees both', async () => {
    const hook = 'http://127.0.0.1:9/hooks/secret-path-7f3a';
    await api.call('deploy-orchestrator', {
      action: 'allow_webhook_target',
      environment: 'development',
      url: hook,
    });
    // Carol deploys with her own session: the actor is the credential's e-mail.
    const started = await api.call(
      'deploy-orchestrator',
      {
        action: 'start_deployment',
        environment: 'development',
        version: `pd-${Date.now()}`,
        traffic: { provider: 'webhook', url: hook },
      },
      { token: await personToken('carol.ops@example.com', ['deployer']) },
    );
    expect(started.status).toBe(200);
    const id = started.body.result.deployment_id;
    const anon = { token: api.anonKey };
    const status = await api.call(
      'deploy-orchestrator',
      { action: 'get_status', deployment_id: id },
      anon,
    );
    const list = await api.call(
      'deploy-orchestrator',
      { action: 'list_deployments', environment: 'development' },
      anon,
    );
    for (const reply of [status, list]) {
      expect(reply.status).toBe(200);
      const text = JSON.stringify(reply.body);
      expect(text).not.toContain('carol.ops@example.com');
      expect(text).not.toContain('secret-path-7f3a');
    }
    expect(status.body.result.traffic).toEqual({ provider: 'webhook', url: '[hidden]' });
    const full = await api.call('deploy-orchestrator', { action: 'get_status', deployment_id: id });
    expect(full.body.result.deployed_by).toBe('carol.ops@example.com');
    expect(full.body.result.traffic.url).toBe(hook);
  });
});
