/**
 * Monitoring targets belong to an environment through the API, and their incidents open after the
 * environment's `max_failed_health_checks` consecutive failures (issue 13).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Orchestrator, setUp } from '../support/harness.ts';
import { uniqueEnvironment } from '../support/telemetry.ts';
import type { TestApi } from '../support/test-api.ts';
import type { TestDatabase } from '../support/test-database.ts';

let db: TestDatabase;
let api: TestApi;
let o: Orchestrator;
let down: Server;
let downUrl: string;

beforeAll(async () => {
  ({ db, api, o } = await setUp());
  down = createServer((_req, res) => {
    res.statusCode = 503;
    res.end('down');
  });
  await new Promise<void>((r) => down.listen(0, '127.0.0.1', () => r()));
  downUrl = `http://127.0.0.1:${(down.address() as AddressInfo).port}/healthz`;
});
afterAll(() => new Promise<void>((r) => down.close(() => r())));

const monitoring = (body: Record<string, unknown>) => api.call('production-monitoring', body);
const configure = (body: Record<string, unknown>) =>
  monitoring({ action: 'configure_monitoring_target', url: downUrl, ...body });
const environmentOf = async (name: string) =>
  (await db.sql`select environment from monitoring_targets where name = ${name}`)[0]?.environment;

describe('a monitoring target’s environment', () => {
  it('is set, kept when omitted, and cleared with null through configure_monitoring_target', async () => {
    const name = `site-${uniqueEnvironment()}`;
    const set = await configure({ name, environment: 'production', enabled: false });
    expect(set.status).toBe(200);
    expect(set.body.result.target).toMatchObject({ name, environment: 'production' });
    expect((await configure({ name, enabled: false })).body.result.target.environment).toBe(
      'production',
    );
    expect(await environmentOf(name)).toBe('production');
    await configure({ name, environment: null, enabled: false });
    expect(await environmentOf(name)).toBeNull();
  });

  it('may watch one service: set, kept when omitted, every service again with null', async () => {
    const name = `site-${uniqueEnvironment()}`;
    const set = await configure({ name, environment: 'production', service: 'checkout' });
    expect(set.body.result.target).toMatchObject({
      environment: 'production',
      service: 'checkout',
    });
    const kept = await configure({ name, enabled: false });
    expect(kept.body.result.target.service).toBe('checkout');
    const cleared = await configure({ name, service: null, enabled: false });
    expect(cleared.body.result.target.service).toBeNull();
    expect((await configure({ name, service: 'Not A Service' })).status).toBe(400);
  });

  it('refuses an unknown environment with 422 unknown_environment, writing nothing', async () => {
    const name = `site-${uniqueEnvironment()}`;
    const reply = await configure({ name, environment: 'nowhere' });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('unknown_environment');
    expect(await db.sql`select 1 from monitoring_targets where name = ${name}`).toHaveLength(0);
  });
});

describe('incidents open after the environment’s max_failed_health_checks', () => {
  it('opens a staging target’s incident on its second failure when staging allows two', async () => {
    const changed = await o.call('set_environment_analysis', {
      environment: 'staging',
      thresholds: { max_failed_health_checks: 2 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.result.before.max_failed_health_checks).toBe(3);
    const strict = `staging-${uniqueEnvironment()}`;
    const lenient = `other-${uniqueEnvironment()}`;
    await configure({ name: strict, environment: 'staging' });
    await configure({ name: lenient });
    try {
      const run = async () =>
        (await monitoring({ action: 'run_monitoring' })).body.result.incidents_opened;
      expect(await run()).toEqual([]);
      expect(await run()).toEqual([strict]);
      expect(await run()).toEqual([lenient]); // no environment: the procedure documents' 3
      const [row] = await db.sql`select reason from incidents where target = ${strict}`;
      expect(row?.reason).toMatch(/^2 consecutive failed probes/);
    } finally {
      await configure({ name: strict, enabled: false });
      await configure({ name: lenient, enabled: false });
      await o.call('set_environment_analysis', {
        environment: 'staging',
        thresholds: { max_failed_health_checks: 3 },
      });
    }
  });
});
