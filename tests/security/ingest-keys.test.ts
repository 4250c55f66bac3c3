import { beforeAll, describe, expect, it } from 'vitest';
import { type Harness, setUp } from '../support/harness.ts';
import { healthyTraffic, startedCanary } from '../support/orchestrator.ts';
import { rowSnapshot } from '../support/row-snapshot.ts';
import { criticalCanaryErrors, recordRequests } from '../support/telemetry.ts';

// Issue 12, "Ingest credentials": telemetry and error ingest accept an ingest credential and
// nothing more. Before, sending telemetry took a user JWT or a secret key, either of which could
// do far more; a browser had nothing it could safely hold.
let h: Harness;

async function createKey(body: Record<string, unknown>): Promise<string> {
  const reply = await h.api.call('deploy-orchestrator', { action: 'create_ingest_key', ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  expect(reply.body.result.key).toMatch(/^rg_ingest_[A-Za-z0-9_-]{32}$/);
  return reply.body.result.key;
}

const sample = (environment: string) => ({
  duration_ms: 40,
  status: 200,
  environment,
  route: '/checkout',
});

beforeAll(async () => {
  h = await setUp();
});

describe('ingest keys', () => {
  it('send telemetry for their environment and nothing more', async () => {
    const key = await createKey({
      name: 'web-server',
      scope: 'telemetry',
      environment: 'production',
    });
    const asKey = { headers: { apikey: key }, token: null };
    const sent = await h.api.call(
      'production-monitoring',
      { action: 'record_requests', requests: [sample('production')] },
      asKey,
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const error = await h.api.call(
      'error-tracking',
      {
        action: 'track_error',
        error_message: 'boom',
        component: 'web',
        severity: 'error',
        environment: 'production',
      },
      { token: key },
    );
    expect(error.status, JSON.stringify(error.body)).toBe(200);

    const before = await rowSnapshot(h.db.sql);
    const refused: Array<[string, Record<string, unknown>]> = [
      ['production-monitoring', { action: 'record_requests', requests: [sample('staging')] }],
      [
        'production-monitoring',
        { action: 'record_requests', requests: [sample('production'), sample('staging')] },
      ],
      // A sample naming no environment would take its deployment's: refused for a scoped key.
      [
        'production-monitoring',
        {
          action: 'record_requests',
          requests: [sample('production'), { duration_ms: 40, status: 200 }],
        },
      ],
      ['deploy-orchestrator', { action: 'list_deployments' }],
      [
        'deploy-orchestrator',
        { action: 'start_deployment', environment: 'production', version: '1' },
      ],
      [
        'production-monitoring',
        { action: 'log_deployment', environment: 'production', version: '1' },
      ],
    ];
    for (const [fn, body] of refused) {
      const reply = await h.api.call(fn, body, asKey);
      expect(reply.status, `${body.action}: ${JSON.stringify(reply.body)}`).toBe(403);
    }
    expect(await rowSnapshot(h.db.sql)).toEqual(before);
  });

  it('scoped to errors, a browser’s key sends error events but no request samples', async () => {
    const key = await createKey({ name: 'browser', scope: 'errors' });
    const error = await h.api.call(
      'error-tracking',
      {
        action: 'track_error',
        error_message: 'TypeError',
        component: 'web',
        severity: 'error',
        environment: 'staging',
      },
      { headers: { apikey: key }, token: null },
    );
    expect(error.status, JSON.stringify(error.body)).toBe(200);
    const samples = await h.api.call(
      'production-monitoring',
      { action: 'record_requests', requests: [sample('production')] },
      { headers: { apikey: key }, token: null },
    );
    expect(samples.status).toBe(403);
    expect(samples.body.error.details.reason).toBe('this ingest key only sends error events');
  });

  it('are shown once, listed without the key, and refused (401) once revoked or unknown', async () => {
    const key = await createKey({ name: 'retired', scope: 'telemetry' });
    const listed = await h.api.call('deploy-orchestrator', { action: 'list_ingest_keys' });
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect(listed.body.result.keys).toContainEqual(
      expect.objectContaining({ name: 'retired', scope: 'telemetry', environment: '*' }),
    );
    const again = await h.api.call('deploy-orchestrator', {
      action: 'create_ingest_key',
      name: 'retired',
      scope: 'errors',
    });
    expect(again.status).toBe(409);
    const revoked = await h.api.call('deploy-orchestrator', {
      action: 'revoke_ingest_key',
      name: 'retired',
    });
    expect(revoked.body.result.changed).toBe(true);
    for (const k of [key, 'rg_ingest_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      const reply = await h.api.call(
        'production-monitoring',
        { action: 'record_requests', requests: [sample('production')] },
        { token: k },
      );
      expect(reply.status).toBe(401);
      expect(reply.body.error.code).toBe('unauthorized');
    }
  });

  it('are made by admins only', async () => {
    const reply = await h.api.call(
      'deploy-orchestrator',
      { action: 'create_ingest_key', name: 'sneaky', scope: 'telemetry' },
      { token: h.api.anonKey },
    );
    expect(reply.status).toBe(403);
  });

  it('the judge trusts telemetry keys, not errors-only ones: a browser cannot roll a canary back', async () => {
    const { id } = await startedCanary(h.o);
    await recordRequests(h.api, healthyTraffic(id));
    const events = criticalCanaryErrors(id, 200);
    const send = async (key: string) =>
      h.api.call('error-tracking', { action: 'track_errors', events }, { token: key });
    const browser = await createKey({ name: 'shop-browser', scope: 'errors' });
    expect((await send(browser)).status).toBe(200);
    expect(await h.o.status(id)).toMatchObject({ status: 'progressing' });
    const server = await createKey({ name: 'shop-server', scope: 'telemetry' });
    expect((await send(server)).status).toBe(200);
    expect(await h.o.status(id)).toMatchObject({ status: 'rolled_back' });
  });
});
