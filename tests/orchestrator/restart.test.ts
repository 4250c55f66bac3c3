import { afterAll, describe, expect, it } from 'vitest';
import { productionRollout } from '../../stack/rollout-request.ts';
import { GOOD_GATES, traffic, uniqueVersion } from '../support/orchestrator.ts';
import {
  postgresProcessesFor,
  type StackProcess,
  stackClient,
  stackEnv,
  startStackProcess,
  stopStackProcess,
  tempDataDir,
  waitFor,
} from '../support/stack-process.ts';

const dataDir = tempDataDir();
let current: StackProcess | null = null;

afterAll(() => stopStackProcess(current));

describe('a crash mid-step', () => {
  it('resumes the rollout after a restart, and every transition is recorded exactly once', async () => {
    const env = await stackEnv(dataDir);
    current = await startStackProcess(env);
    const client = stackClient(dataDir, env.ROLLGATE_PORT as string);
    const call = async (fn: string, body: Record<string, unknown>, token?: string) =>
      (await client.call(fn, body, token)).body;
    const version = uniqueVersion();
    await call('deploy-orchestrator', {
      action: 'start_deployment',
      environment: 'staging',
      version,
    });
    const started = await call('deploy-orchestrator', {
      action: 'start_deployment',
      ...productionRollout(version, GOOD_GATES, [25, 4], [50, 2], [100, 0]),
    });
    const id = started.result.deployment_id as string;
    await call(
      'deploy-orchestrator',
      { action: 'approve', deployment_id: id },
      await client.approver(),
    );
    const healthy = () =>
      call('production-monitoring', {
        action: 'record_requests',
        requests: [...traffic(id, 'canary', 100), ...traffic(id, 'stable', 300)],
      });
    await healthy();

    // kill -9 in the middle of step 0's pause: no graceful shutdown, PostgreSQL left running.
    current?.child.kill('SIGKILL');
    await current?.exited;
    current = await startStackProcess(env);

    const status = async () =>
      (await call('deploy-orchestrator', { action: 'get_status', deployment_id: id })).result;
    await waitFor(
      async () => (await status()).current_step === 1,
      20_000,
      'step 1 after the restart',
    );
    await healthy();
    await waitFor(async () => (await status()).status === 'succeeded', 20_000, 'success');
    const s = await status();
    expect(s.events.map((e: { event: string }) => e.event)).toEqual([
      'pending_approval',
      'approved',
      'step_advanced',
      'succeeded',
    ]);
    expect(s.analyses.map((a: { step: number; verdict: string }) => [a.step, a.verdict])).toEqual([
      [0, 'pass'],
      [1, 'pass'],
    ]);
    expect((await call('deploy-orchestrator', { action: 'verify_audit' })).result.intact).toBe(
      true,
    );

    expect(await stopStackProcess(current)).toBe(0);
    current = null;
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  }, 90_000);
});
