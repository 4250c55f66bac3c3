import { beforeAll, describe, expect, it } from 'vitest';
import { type Orchestrator, setUp } from '../support/harness.ts';
import { GOOD_GATES, uniqueVersion } from '../support/orchestrator.ts';
import { recordRequests } from '../support/telemetry.ts';
import type { TestApi } from '../support/test-api.ts';
import { approverToken, personToken } from '../support/tokens.ts';

let api: TestApi;
let o: Orchestrator;

beforeAll(async () => {
  ({ api, o } = await setUp({ workers: true }));
});

/** Healthy traffic for both variants: 1 % errors, 100 ms, enough samples to judge. */
async function healthyTraffic(deployment_id: string) {
  const sample = (variant: 'canary' | 'stable', i: number) => ({
    duration_ms: 90 + (i % 20),
    status: i % 100 === 0 ? 500 : 200,
    environment: 'production',
    deployment_id,
    variant,
  });
  await recordRequests(api, [
    ...Array.from({ length: 200 }, (_, i) => sample('canary', i)),
    ...Array.from({ length: 600 }, (_, i) => sample('stable', i)),
  ]);
}

describe('a production canary, 25 → 50 → 100', () => {
  it('waits for approval by someone else, then steps through and succeeds with traffic on the flag', async () => {
    const version = uniqueVersion();
    await o.stage(version);
    // Alice deploys and may approve rollouts too, but not her own; Bob approves.
    const alice = await personToken('alice@example.com', ['deployer', 'approver']);
    const started = await o.call(
      'start_deployment',
      {
        environment: 'production',
        version,
        gates: GOOD_GATES,
        steps: [
          { weight: 25, pause_seconds: 1 },
          { weight: 50, pause_seconds: 1 },
          { weight: 100, pause_seconds: 0 },
        ],
        traffic: { provider: 'feature_flag', flag: `checkout-${version}` },
      },
      { token: alice },
    );
    expect(started.status).toBe(200);
    const id = started.body.result.deployment_id;
    expect(started.body.result).toMatchObject({ status: 'pending_approval', weight: 0 });

    const selfApproval = await o.call('approve', { deployment_id: id }, { token: alice });
    expect(selfApproval.status).toBe(422);
    expect(selfApproval.body.error.code).toBe('approval_by_deployer');

    const approved = await o.call(
      'approve',
      { deployment_id: id },
      { token: await approverToken() },
    );
    if (approved.status !== 200) console.log(JSON.stringify(approved.body));
    expect(approved.body.result).toMatchObject({
      status: 'progressing',
      current_step: 0,
      weight: 25,
      approved_by: 'bob@example.com',
    });
    const flag = await api.call('deploy-orchestrator', {
      action: 'list_flags',
      environment: 'production',
    });
    expect(
      flag.body.result.flags.find((f: { name: string }) => f.name === `checkout-${version}`),
    ).toMatchObject({ enabled: true, rollout_percentage: 25 });

    await healthyTraffic(id);
    await o.waitForStatus(id, (s) => s.current_step >= 1);
    await healthyTraffic(id);
    const done = await o.waitForStatus(id, 'succeeded');
    expect(done).toMatchObject({ status: 'succeeded', weight: 100, current_step: 2 });
    expect((done.analyses as Array<{ verdict: string }>).map((a) => a.verdict)).toEqual([
      'pass',
      'pass',
    ]);
    expect((done.events as Array<{ event: string }>).map((e) => e.event)).toEqual([
      'pending_approval',
      'approved',
      'step_advanced',
      'succeeded',
    ]);

    const flags = await api.call('deploy-orchestrator', {
      action: 'list_flags',
      environment: 'production',
    });
    expect(
      flags.body.result.flags.find((f: { name: string }) => f.name === `checkout-${version}`)
        .rollout_percentage,
    ).toBe(100);
    const audit = await o.call('verify_audit');
    expect(audit.body.result).toMatchObject({ intact: true, first_broken_id: null });
  });
});
