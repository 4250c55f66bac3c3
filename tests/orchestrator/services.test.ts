/**
 * Issue 13, item 5: deployments belong to a service. One active rollout per environment and
 * service; the version to return to, "superseded", staging-first, incidents, DORA figures and SDK
 * telemetry's attribution are each the service's own. Callers naming none deploy `default`.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attributeReleases } from '../../shared/telemetry/release-attribution.ts';
import { type Orchestrator, setUp } from '../support/harness.ts';
import { clearProduction, GOOD_GATES, traffic, uniqueVersion } from '../support/orchestrator.ts';
import { rowSnapshot, settledSnapshot } from '../support/row-snapshot.ts';
import { recordRequests } from '../support/telemetry.ts';
import type { TestApi } from '../support/test-api.ts';
import type { TestDatabase } from '../support/test-database.ts';
import { approverToken } from '../support/tokens.ts';

let db: TestDatabase;
let api: TestApi;
let o: Orchestrator;

beforeAll(async () => {
  ({ db, api, o } = await setUp());
});
beforeEach(async () => {
  await clearProduction(o);
  await db.sql`update incidents set resolved_at = now() where resolved_at is null`;
});

const stage = async (service: string, version: string) => {
  const reply = await o.call('start_deployment', { environment: 'staging', service, version });
  expect(reply.body.result).toMatchObject({ status: 'succeeded', service });
  return reply.body.result.deployment_id as string;
};

/** Asks production for a rollout of this service and version, with passing gates. */
const startProduction = (service: string, version: string) =>
  o.call('start_deployment', { environment: 'production', service, version, gates: GOOD_GATES });

/** A production canary of one service, approved and waiting out a long first step. */
const canary = async (service: string, version = uniqueVersion(service)) => {
  await stage(service, version);
  const started = await o.call('start_deployment', {
    environment: 'production',
    service,
    version,
    gates: GOOD_GATES,
    steps: [
      { weight: 25, pause_seconds: 300 },
      { weight: 100, pause_seconds: 0 },
    ],
  });
  expect(started.status).toBe(200);
  const id = started.body.result.deployment_id as string;
  const approved = await o.call('approve', { deployment_id: id }, { token: await approverToken() });
  expect(approved.body.result).toMatchObject({ status: 'progressing', service });
  return { id, version };
};

describe('services', () => {
  it('roll out side by side in one environment, one active rollout each', async () => {
    const checkout = await canary('checkout');
    const search = await canary('search');
    expect((await o.status(search.id))?.status).toBe('progressing');
    const version = uniqueVersion('checkout');
    await stage('checkout', version);
    const before = await settledSnapshot(db.sql);
    const again = await startProduction('checkout', version);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'active_deployment_exists',
      details: { deployment_id: checkout.id, service: 'checkout' },
    });
    expect(again.body.error.message).toContain('checkout in production');
    expect(await rowSnapshot(db.sql)).toEqual(before);
    const listed = await o.call('list_deployments', {
      environment: 'production',
      service: 'search',
    });
    expect(
      listed.body.result.deployments.map((d: { deployment_id: string }) => d.deployment_id),
    ).toEqual([search.id]);
  });

  it('keep callers that name no service on the default service', async () => {
    const version = uniqueVersion();
    const reply = await o.call('start_deployment', { environment: 'staging', version });
    expect(reply.body.result).toMatchObject({ status: 'succeeded', service: 'default' });
    const refused = await o.call('start_deployment', {
      environment: 'staging',
      service: 'Not A Service',
      version,
    });
    expect(refused.status).toBe(400);
  });

  it('need their own staging success, and return to their own stable version', async () => {
    const version = uniqueVersion('shared');
    await stage('search', version);
    const unstaged = await startProduction('checkout', version);
    expect(unstaged.status).toBe(422);
    expect(unstaged.body.error.code).toBe('staging_required');

    const checkoutV1 = uniqueVersion('checkout-v1');
    await stage('checkout', checkoutV1);
    await stage('search', uniqueVersion('search-v9')); // newer, another service
    const next = await o.call('start_deployment', {
      environment: 'staging',
      service: 'checkout',
      version: uniqueVersion('checkout-v2'),
      strategy: 'canary',
      steps: [
        { weight: 50, pause_seconds: 300 },
        { weight: 100, pause_seconds: 0 },
      ],
    });
    expect(next.body.result).toMatchObject({ rollback_target: checkoutV1 });
    const rolled = await o.call('rollback', {
      deployment_id: next.body.result.deployment_id,
      reason: 'bad',
    });
    expect(rolled.body.result).toMatchObject({
      status: 'rolled_back',
      rollback_target: checkoutV1,
    });
  });

  it('are superseded only by a newer deployment of the same service', async () => {
    const a = await stage('checkout', uniqueVersion('a'));
    await stage('search', uniqueVersion('b')); // another service's newer success
    const ok = await o.call('rollback', { deployment_id: a, reason: 'still the live checkout' });
    expect(ok.status).toBe(200);
    const c = await stage('checkout', uniqueVersion('c'));
    await stage('checkout', uniqueVersion('d'));
    const refused = await o.call('rollback', { deployment_id: c, reason: 'old one' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('superseded');
  });

  it('count an incident against a rollout only when its target watches that service', async () => {
    const { id } = await canary('checkout');
    const add = (name: string, service: string | null) =>
      api.call('production-monitoring', {
        action: 'configure_monitoring_target',
        name,
        url: 'https://example.com/health',
        environment: 'production',
        service,
        enabled: false,
      });
    const clean = () => [
      ...traffic(id, 'stable', 300, { errorsPer100: 1 }),
      ...traffic(id, 'canary', 100, { errorsPer100: 1 }),
    ];
    await add(`search-${id}`, 'search');
    await db.sql`insert into incidents (target, reason) values (${`search-${id}`}, 'down')`;
    await recordRequests(api, clean());
    expect((await o.status(id))?.status).toBe('progressing');
    await add(`all-${id}`, null);
    await db.sql`insert into incidents (target, reason) values (${`all-${id}`}, 'down')`;
    await recordRequests(api, clean());
    expect((await o.status(id))?.status).toBe('rolled_back');
  });

  it('have DORA figures of their own, recovered only by their own success', async () => {
    const env = 'staging';
    const asOf = new Date(Date.now() + 60_000).toISOString();
    const figures = async (service?: string) =>
      (
        await api.call('production-monitoring', {
          action: 'deployment_statistics',
          environment: env,
          time_window: '1h',
          as_of: asOf,
          ...(service ? { service } : {}),
        })
      ).body.result;
    const svc = `dora-${Date.now() % 100000}`;
    const before = await figures(svc);
    expect(before).toMatchObject({ service: svc, production_deployments: 0 });
    const log = (id: string, service: string, status: string) =>
      api.call('production-monitoring', {
        action: 'log_deployment',
        deployment: { deployment_id: id, environment: env, service, status },
      });
    expect((await log(`${svc}-1`, svc, 'failed')).status).toBe(200);
    expect((await log(`${svc}-other`, `${svc}-x`, 'success')).status).toBe(200);
    const after = await figures(svc);
    expect(after).toMatchObject({ production_deployments: 1, failures: 1 });
    // The other service's success, a moment later, recovers nothing of this one.
    expect(after.dora.failed_deployment_recovery_time).toMatchObject({
      recoveries: 0,
      unrecovered: 1,
    });
    expect((await log(`${svc}-2`, svc, 'success')).status).toBe(200);
    expect((await figures(svc)).dora.failed_deployment_recovery_time).toMatchObject({
      recoveries: 1,
      unrecovered: 0,
    });
    expect((await figures()).production_deployments).toBeGreaterThanOrEqual(3);
  });

  it('attribute SDK telemetry by service name, falling back to the default service', async () => {
    const checkout = await canary('checkout');
    const plain = await canary('default');
    const now = new Date();
    const [own, other, fallback, none] = await attributeReleases(
      db.sql,
      [
        { environment: 'production', release: checkout.version, service: 'checkout' },
        { environment: 'production', release: checkout.version, service: 'search' },
        { environment: 'production', release: plain.version, service: 'my-api' },
        { environment: 'staging', release: checkout.version, service: 'checkout' },
      ],
      now,
    );
    expect(own).toEqual({ deployment_id: checkout.id, variant: 'canary' });
    expect(other).toBeNull();
    expect(fallback).toEqual({ deployment_id: plain.id, variant: 'canary' });
    expect(none).toBeNull();
  });
});
