import { beforeAll, describe, expect, it } from 'vitest';
import { bucketOf } from '../../shared/rollout/flag-bucket.ts';
import { orchestrator } from '../support/orchestrator.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDatabase } from '../support/test-database.ts';

let api: TestApi;
let o: ReturnType<typeof orchestrator>;

beforeAll(async () => {
  api = await startTestApi(await createTestDatabase());
  o = orchestrator(api);
});

const subjects = Array.from({ length: 400 }, (_, i) => `user-${i}`);

async function enabledAt(percentage: number): Promise<Set<string>> {
  await o.call('set_flag', {
    name: 'new_trust_algorithm_v2',
    environment: 'production',
    enabled: true,
    rollout_percentage: percentage,
  });
  const on = new Set<string>();
  for (const subject of subjects) {
    const reply = await api.call(
      'deploy-orchestrator',
      {
        action: 'evaluate_flag',
        name: 'new_trust_algorithm_v2',
        environment: 'production',
        subject,
      },
      { token: api.anonKey },
    );
    if (reply.body.result.enabled) on.add(subject);
  }
  return on;
}

describe('feature flags', () => {
  it('bucket subjects stickily: raising the percentage only adds subjects', async () => {
    const at25 = await enabledAt(25);
    const at50 = await enabledAt(50);
    expect([...at25].every((s) => at50.has(s))).toBe(true);
    // Close to the percentage over 400 subjects (a stable hash, so the counts are exact).
    const expected25 = (
      await Promise.all(subjects.map((s) => bucketOf('new_trust_algorithm_v2', s)))
    ).filter((b) => b < 25).length;
    expect(at25.size).toBe(expected25);
    expect(at25.size).toBeGreaterThan(70);
    expect(at25.size).toBeLessThan(130);
    expect(at50.size).toBeGreaterThan(170);
  });

  it('keep the runbook’s table shape, one flag per name and environment', async () => {
    await o.call('set_flag', {
      name: 'enhanced_gdpr_dashboard',
      environment: 'staging',
      enabled: true,
      rollout_percentage: 100,
    });
    await o.call('set_flag', {
      name: 'enhanced_gdpr_dashboard',
      environment: 'production',
      enabled: false,
      rollout_percentage: 0,
    });
    await o.call('set_flag', {
      name: 'enhanced_gdpr_dashboard',
      environment: 'production',
      enabled: false,
      rollout_percentage: 0,
    });
    const flags = (await o.call('list_flags', {}, { token: api.anonKey })).body.result.flags.filter(
      (f: { name: string }) => f.name === 'enhanced_gdpr_dashboard',
    );
    expect(
      flags.map((f: { environment: string; enabled: boolean; rollout_percentage: number }) => [
        f.environment,
        f.enabled,
        f.rollout_percentage,
      ]),
    ).toEqual([
      ['production', false, 0],
      ['staging', true, 100],
    ]);
    expect(Object.keys(flags[0]).sort()).toEqual([
      'created_at',
      'enabled',
      'environment',
      'id',
      'name',
      'rollout_percentage',
      'updated_at',
      'user_criteria',
    ]);
    const off = await api.call(
      'deploy-orchestrator',
      {
        action: 'evaluate_flag',
        name: 'enhanced_gdpr_dashboard',
        environment: 'production',
        subject: 'x',
      },
      { token: api.anonKey },
    );
    expect(off.body.result.enabled).toBe(false);
    expect(
      (await o.call('evaluate_flag', { name: 'nope', environment: 'production', subject: 'x' }))
        .status,
    ).toBe(404);
  });
});
