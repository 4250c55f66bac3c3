import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverTrafficWebhook } from '../../shared/rollout/traffic-webhook.ts';
import { verifyWebhook } from '../../shared/webhooks/standard-webhooks.ts';
import { setUp } from '../support/harness.ts';
import { rowSnapshot } from '../support/row-snapshot.ts';
import type { TestApi } from '../support/test-api.ts';
import type { TestDatabase } from '../support/test-database.ts';
import { userToken } from '../support/tokens.ts';

// Issue 12, finding 3: traffic webhooks reached loopback in three spellings, followed redirects
// anywhere, were signed over the weight alone (replayable), and their failures were readable by
// anon in get_status.
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
let db: TestDatabase;
let api: TestApi;

interface Hit {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

async function router(answer: (path: string) => { status: number; location?: string }) {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      hits.push({ path: req.url ?? '/', headers: req.headers, body });
      const a = answer(req.url ?? '/');
      res.statusCode = a.status;
      if (a.location) res.setHeader('location', a.location);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  return { hits, port: (server.address() as AddressInfo).port };
}

let ok: Awaited<ReturnType<typeof router>>;
let other: Awaited<ReturnType<typeof router>>;

beforeAll(async () => {
  ({ db, api } = await setUp());
  ok = await router(() => ({ status: 204 }));
  other = await router(() => ({ status: 204 }));
});

const start = (url: string) =>
  api.call('deploy-orchestrator', {
    action: 'start_deployment',
    environment: 'development',
    version: `wh-${Date.now()}-${Math.random()}`,
    traffic: { provider: 'webhook', url },
  });
const job = (url: string) => ({
  deployment_id: 'd-1',
  environment: 'development',
  weight: 25,
  url,
  audit_id: 42,
});

describe('traffic webhook targets', () => {
  it('are refused at start unless allowlisted for the environment, and nothing is written', async () => {
    const before = await rowSnapshot(db.sql);
    const reply = await start(`http://127.0.0.1:${ok.port}/weights`);
    expect(reply.status).toBe(422);
    expect(reply.body.error.message).toMatch(/not allowlisted for development/);
    expect(await rowSnapshot(db.sql)).toEqual(before);
  });

  it('are allowlisted by service_role only', async () => {
    const body = {
      action: 'allow_webhook_target',
      environment: 'development',
      url: `http://127.0.0.1:${ok.port}/`,
    };
    const user = await userToken();
    expect((await api.call('deploy-orchestrator', body, { token: user })).status).toBe(403);
    expect((await api.call('deploy-orchestrator', body, { token: api.anonKey })).status).toBe(403);
    const allowed = await api.call('deploy-orchestrator', body);
    expect(allowed.status).toBe(200);
    expect(allowed.body.result.target.url_prefix).toBe(`http://127.0.0.1:${ok.port}/`);
    expect((await start(`http://127.0.0.1:${ok.port}/weights`)).status).toBe(200);
  });

  it('spelled as a number, as IPv4-mapped IPv6 or as a name do not match a listed loopback address', async () => {
    for (const url of [
      `http://2130706433:${ok.port}/weights`,
      `http://[::ffff:127.0.0.1]:${ok.port}/weights`,
      `http://localhost:${ok.port}/weights`,
      `http://127.0.0.1.evil.example:${ok.port}/weights`,
    ]) {
      const reply = await start(url);
      expect(reply.status, url).toBe(422);
    }
  });
});

describe('traffic webhook delivery', () => {
  it('refuses a name that resolves to loopback, after DNS resolution', async () => {
    const before = ok.hits.length;
    await expect(
      deliverTrafficWebhook(job(`http://localhost:${ok.port}/weights`), SECRET),
    ).rejects.toThrow(/localhost.* resolves to a loopback address/);
    expect(ok.hits.length).toBe(before);
  });

  it('checks every redirect again and does not follow one to another internal address', async () => {
    const redirecting = await router(() => ({
      status: 307,
      location: `http://127.0.0.2:${other.port}/inside`,
    }));
    await expect(
      deliverTrafficWebhook(job(`http://127.0.0.1:${redirecting.port}/weights`), SECRET),
    ).rejects.toThrow(/127\.0\.0\.2.* is a loopback address/);
    expect(redirecting.hits).toHaveLength(1);
    expect(other.hits).toHaveLength(0);
  });

  it('is signed per Standard Webhooks over id, timestamp and a body naming target and key', async () => {
    const url = `http://127.0.0.1:${ok.port}/weights`;
    await deliverTrafficWebhook(job(url), SECRET);
    const hit = ok.hits.at(-1) as Hit;
    const id = String(hit.headers['webhook-id']);
    const timestamp = String(hit.headers['webhook-timestamp']);
    // Recomputed here with node:crypto, as any receiver would: key = base64 after "whsec_".
    const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key)
      .update(`${id}.${timestamp}.${hit.body}`)
      .digest('base64');
    expect(hit.headers['webhook-signature']).toBe(`v1,${expected}`);
    expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(30);
    expect(id).toBe('d-1:42');
    expect(JSON.parse(hit.body)).toMatchObject({
      deployment_id: 'd-1',
      environment: 'development',
      weight: 25,
      target_url: url,
      idempotency_key: 'd-1:42',
    });
    const headers = new Headers(hit.headers as Record<string, string>);
    expect(await verifyWebhook(SECRET, headers, hit.body)).toBeNull();
    // Replayed ten minutes later, or to another body, it no longer verifies.
    const later = new Date(Date.now() + 600_000);
    expect(await verifyWebhook(SECRET, headers, hit.body, later)).toMatch(/tolerance/);
    const altered = hit.body.replace('"weight":25', '"weight":100');
    expect(await verifyWebhook(SECRET, headers, altered)).toMatch(/no matching signature/);
  });
});

describe('failure reasons', () => {
  it('are hidden from anon in get_status and list_deployments, shown to service_role', async () => {
    const id = `fail-${Date.now()}`;
    const logged = await api.call('production-monitoring', {
      action: 'log_deployment',
      deployment: {
        deployment_id: id,
        environment: 'staging',
        status: 'failed',
        error_message: 'traffic webhook answered 400 from http://10.0.0.7:6379/',
      },
    });
    expect(logged.status).toBe(200);
    const asAnon = await api.call(
      'deploy-orchestrator',
      { action: 'get_status', deployment_id: id },
      { token: api.anonKey },
    );
    expect(asAnon.status).toBe(200);
    expect(JSON.stringify(asAnon.body)).not.toContain('answered 400');
    const listed = await api.call(
      'deploy-orchestrator',
      { action: 'list_deployments', environment: 'staging' },
      { token: api.anonKey },
    );
    expect(JSON.stringify(listed.body)).not.toContain('answered 400');
    const asService = await api.call('deploy-orchestrator', {
      action: 'get_status',
      deployment_id: id,
    });
    expect(asService.body.result.error_message).toMatch(/answered 400/);
  });
});
