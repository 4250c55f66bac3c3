import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  clearProduction,
  orchestrator,
  startedCanary,
  startWorkers,
  TEST_WEBHOOK_SECRET,
} from '../support/orchestrator.ts';
import { waitFor } from '../support/stack-process.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDatabase } from '../support/test-database.ts';

let api: TestApi;
let o: ReturnType<typeof orchestrator>;
let router: Server;
let routerUrl: string;
let failing = false;
const received: Array<{
  body: { deployment_id: string; environment: string; weight: number };
  valid: boolean;
  key: string;
}> = [];

beforeAll(async () => {
  const db = await createTestDatabase();
  api = await startTestApi(db);
  await startWorkers(db);
  o = orchestrator(api);
  // A traffic router on loopback that checks the signature, as a real one would.
  router = createServer((req, res) => {
    let text = '';
    req.on('data', (d) => {
      text += d;
    });
    req.on('end', () => {
      // Standard Webhooks: HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<body>", base64.
      const signed = `${req.headers['webhook-id']}.${req.headers['webhook-timestamp']}.${text}`;
      const expected = `v1,${createHmac('sha256', TEST_WEBHOOK_SECRET).update(signed).digest('base64')}`;
      const { deployment_id, environment, weight } = JSON.parse(text);
      received.push({
        body: { deployment_id, environment, weight },
        valid: req.headers['webhook-signature'] === expected,
        key: String(req.headers['idempotency-key']),
      });
      res.statusCode = failing ? 503 : 204;
      res.end();
    });
  });
  await new Promise<void>((r) => router.listen(0, '127.0.0.1', () => r()));
  routerUrl = `http://127.0.0.1:${(router.address() as AddressInfo).port}/weights`;
  // A loopback router is reachable only because an admin listed that very address.
  const allowed = await api.call('deploy-orchestrator', {
    action: 'allow_webhook_target',
    environment: 'production',
    url: routerUrl,
  });
  if (allowed.status !== 200) throw new Error(JSON.stringify(allowed.body));
});
afterAll(() => new Promise<void>((r) => router.close(() => r())));
beforeEach(async () => {
  await clearProduction(o);
  received.length = 0;
  failing = false;
});

describe('the webhook traffic provider', () => {
  it('POSTs each weight once, signed, with an idempotency key', async () => {
    const { id } = await startedCanary(o, { traffic: { provider: 'webhook', url: routerUrl } });
    await waitFor(() => received.length >= 1, 10_000, 'the first weight');
    await o.call('promote', { deployment_id: id });
    await waitFor(() => received.length >= 2, 10_000, 'the second weight');
    await o.call('rollback', { deployment_id: id, reason: 'test' });
    await waitFor(() => received.length >= 3, 10_000, 'the rollback weight');
    await new Promise((r) => setTimeout(r, 1500)); // nothing more arrives
    expect(received.map((r) => r.body)).toEqual([
      { deployment_id: id, environment: 'production', weight: 25 },
      { deployment_id: id, environment: 'production', weight: 50 },
      { deployment_id: id, environment: 'production', weight: 0 },
    ]);
    expect(received.every((r) => r.valid)).toBe(true);
    expect(new Set(received.map((r) => r.key)).size).toBe(3);
  });

  it('fails the rollout when the router keeps refusing after retries', async () => {
    failing = true;
    const { id } = await startedCanary(o, { traffic: { provider: 'webhook', url: routerUrl } });
    const s = await o.waitForStatus(id, 'failed', 30_000);
    expect(s.error_message).toMatch(
      /^traffic webhook failed after 4 attempts: traffic webhook answered 503/,
    );
    expect(received.length).toBeGreaterThanOrEqual(4);
  }, 40_000);
});
