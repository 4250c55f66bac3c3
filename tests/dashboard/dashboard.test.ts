import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard } from '../../dashboard/build.ts';
import { productionRollout } from '../../stack/rollout-request.ts';
import {
  GOOD_GATES,
  orchestrator,
  startWorkers,
  traffic,
  uniqueVersion,
} from '../support/orchestrator.ts';
import { ROOT } from '../support/stack-process.ts';
import { recordRequests } from '../support/telemetry.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { approverToken } from '../support/tokens.ts';
import { launchChromium } from './browser.ts';

const SCREENSHOTS = join(ROOT, 'tests', 'screenshots');

let db: TestDatabase;
let api: TestApi;
let o: ReturnType<typeof orchestrator>;
let context: BrowserContext;
let page: Page;
const authorizations = new Set<string>();

beforeAll(async () => {
  await buildDashboard();
  db = await createTestDatabase();
  // The gateway reads its environment lazily: the anon key it hands the page in /config.json is
  // the test API's own, known once the API is up.
  const env: Record<string, string> = {};
  api = await startTestApi(db, env);
  env.SUPABASE_ANON_KEY = api.anonKey;
  await startWorkers(db);
  o = orchestrator(api);
  const browser = await launchChromium();
  afterAll(() => browser.close());
  context = browser.context;
  page = await context.newPage();
  page.on('request', (r) => {
    if (r.url().includes('/functions/v1/')) authorizations.add(r.headers().authorization ?? '');
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
});

const rollout = (id: string, attrs = '') =>
  `[data-testid=rollout][data-deployment-id="${id}"]${attrs}`;

describe('the dashboard in headless Chromium', () => {
  it('loads from the stack at / and reads the API with the anon key from config.json', async () => {
    await page.goto(`${api.url}/`);
    await page.waitForSelector('#connection.live');
    await page.waitForSelector('[data-testid=health-score]');
    await page.waitForSelector('[data-testid=deployment-frequency]');
    await page.waitForSelector('[data-testid=error-rate]');
    expect(await page.textContent('#rollouts .body')).toBe('No rollout is running.');
    expect(await page.getAttribute('[data-testid=deployment-frequency]', 'data-tier')).toBe('low');
    expect(await page.textContent('[data-testid=dora-figures]')).toContain(
      '0 deployments · 0 rollbacks',
    );
    expect([...authorizations]).toEqual([`Bearer ${api.anonKey}`]);
  });

  it('shows a rollout advance from 25 % to 50 % live, then its rollback, and saves screenshots', async () => {
    // Production's ordinary traffic over the last twelve minutes, for the charts to draw.
    const now = Date.now();
    await recordRequests(
      api,
      Array.from({ length: 12 * 40 }, (_, i) => ({
        duration_ms: 80 + ((i * 37) % 60) + (i % 40 < 5 ? 40 : 0),
        status: i % 40 < Math.floor(i / 40) % 3 ? 500 : 200,
        environment: 'production',
        timestamp: new Date(now - (12 - Math.floor(i / 40)) * 60_000).toISOString(),
      })),
    );
    const version = uniqueVersion();
    await o.stage(version);
    const started = await o.call(
      'start_deployment',
      productionRollout(version, GOOD_GATES, [25, 4], [50, 300], [100, 0]),
    );
    const id = started.body.result.deployment_id as string;
    await o.call('approve', { deployment_id: id }, { token: await approverToken() });
    // Healthy traffic for both variants: the step timer's analysis passes and advances the step.
    await recordRequests(api, [
      ...traffic(id, 'stable', 600, { errorsPer100: 1 }),
      ...traffic(id, 'canary', 200, { errorsPer100: 1 }),
    ]);

    await page.waitForSelector(rollout(id, '[data-weight="25"][data-status="progressing"]'));
    expect(await page.textContent(`${rollout(id)} [data-testid=weight]`)).toBe('25%');
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-rollout-25.png'), fullPage: true });

    await page.waitForSelector(rollout(id, '[data-weight="50"]'), { timeout: 15_000 });
    await page.waitForSelector(`${rollout(id)} li[data-verdict=pass]`);
    expect(await page.textContent(`${rollout(id)} .steps .current`)).toBe('50% · 300s');
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-rollout-50.png'), fullPage: true });

    // A fifth of the canary's requests fail: rolled back as the evidence is committed.
    await recordRequests(api, traffic(id, 'canary', 300, { errorsPer100: 20 }));
    await page.waitForSelector(rollout(id, '[data-status="rolled_back"][data-weight="0"]'));
    expect(await page.textContent(`${rollout(id)} [data-testid=reason]`)).toMatch(
      /^rolled back: canary analysis failed: error_rate: canary /,
    );
    await page.waitForSelector(`${rollout(id)} li[data-verdict=fail]`);
    await page.waitForSelector(
      `#deployments tr[data-deployment-id="${id}"][data-status=rolled_back]`,
    );
    // A new window redraws the charts at once: the traffic above is on them.
    await page.selectOption('#window', '15m');
    await page.waitForSelector('[data-testid=error-rate]:not([data-last=""])');
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-rolled-back.png'), fullPage: true });
    expect([...authorizations]).toEqual([`Bearer ${api.anonKey}`]);
  });
});

describe('the gateway serving the dashboard', () => {
  it('serves the built files at /, /config.json from the stack, and leaves /functions/v1 alone', async () => {
    const index = await fetch(`${api.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await index.text()).toContain('<title>Rollgate</title>');
    const script = await fetch(`${api.url}/app.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(await (await fetch(`${api.url}/config.json`)).json()).toEqual({
      url: api.url,
      anon_key: api.anonKey,
    });
    const unknown = await fetch(`${api.url}/functions/v1/nope`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('not_found');
    const health = await api.call('production-monitoring', { action: 'health_check' });
    expect(health.body.result.status).toBe('healthy');
    expect((await fetch(`${api.url}/%2e%2e/package.json`)).status).toBe(404);
  });
});
