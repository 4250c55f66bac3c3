import { beforeAll, describe, expect, it } from 'vitest';
import { harnessForFile } from '../support/harness.ts';
import { GOOD_GATES, traffic, uniqueVersion } from '../support/orchestrator.ts';
import { waitFor } from '../support/stack-process.ts';
import { recordRequests } from '../support/telemetry.ts';
import { approverToken } from '../support/tokens.ts';
import { runCli, serviceEnv, spawnCli } from './run-cli.ts';

const h = harnessForFile({ workers: true });
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  env = serviceEnv(h.api);
});

const gates = Object.entries(GOOD_GATES).flatMap(([k, v]) => ['--gate', `${k}=${v}`]);

describe('rollgate deploy, run from the CLI', () => {
  it('runs a canary with watch to a rollback: step, weight, progress bar, the verdict, exit code 1', async () => {
    const version = uniqueVersion();
    const staged = await runCli(
      ['deploy', 'start', '--env', 'staging', '--version', version, '--watch'],
      env,
    );
    expect(staged.code).toBe(0);
    expect(staged.stdout).toMatch(/✓ \S+ succeeded: .* serves 100% of staging\n$/);

    const started = await runCli(
      [
        'deploy',
        'start',
        '--env',
        'production',
        '--version',
        version,
        '--steps',
        '25:300,50:300,100',
        '--json',
        ...gates,
      ],
      env,
    );
    expect(started.stderr).toBe('');
    const id = JSON.parse(started.stdout).deployment_id as string;
    expect(JSON.parse(started.stdout)).toMatchObject({ status: 'pending_approval', weight: 0 });
    // Approval needs a person's session: Bob's, in ROLLGATE_TOKEN.
    const approved = await runCli(['deploy', 'approve', id], {
      ...env,
      ROLLGATE_TOKEN: await approverToken(),
    });
    expect(approved.code).toBe(0);
    expect(approved.stdout).toContain('progressing      step 1/3   25%  [█████░░░░░░░░░░░░░░░]');

    const watch = spawnCli(['deploy', 'watch', id], env);
    await waitFor(
      () => watch.stdout().includes('step 1/3'),
      15_000,
      () => `watch to show step 1:\n${watch.stdout()}${watch.stderr()}`,
    );
    const promoted = await runCli(['deploy', 'promote', id], env);
    expect(promoted.code).toBe(0);
    await waitFor(
      () => watch.stdout().includes('step 2/3'),
      15_000,
      () => `watch to show step 2:\n${watch.stdout()}`,
    );

    // The canary fails a fifth of its requests: the ingest itself decides the rollback.
    await recordRequests(h.api, [
      ...traffic(id, 'stable', 600, { errorsPer100: 1 }),
      ...traffic(id, 'canary', 300, { errorsPer100: 20 }),
    ]);
    const run = await watch.done;
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => l.slice(10));
    expect(lines[0]).toBe(`watching ${id}  production  ${version}  (canary, 3 steps)`);
    expect(lines[1]).toBe('progressing      step 1/3   25%  [█████░░░░░░░░░░░░░░░]');
    expect(lines[2]).toBe('progressing      step 2/3   50%  [██████████░░░░░░░░░░]');
    expect(lines[3]).toMatch(
      /^analysis FAIL {9}step 2 at 50% \(telemetry\): error_rate: canary 20% of 300 against the 5% limit/,
    );
    expect(lines[4]).toBe('rolled_back      step 2/3    0%  [░░░░░░░░░░░░░░░░░░░░]');
    expect(lines[5]).toMatch(
      new RegExp(`^✗ ${id} rolled back: canary analysis failed: error_rate`),
    );
    expect(lines).toHaveLength(6);
    // Every timestamp prefix is a time of day.
    expect(
      run.stdout
        .split('\n')
        .filter(Boolean)
        .every((l) => /^\d\d:\d\d:\d\d {2}/.test(l)),
    ).toBe(true);
    expect((await h.o.status(id))?.status).toBe('rolled_back');
  });

  it('watches with --json as one event per line and exits 0 for a success', async () => {
    const version = uniqueVersion();
    const started = await runCli(
      ['deploy', 'start', '--env', 'development', '--version', version, '--json'],
      env,
    );
    const id = JSON.parse(started.stdout).deployment_id as string;
    const run = await runCli(['deploy', 'watch', id, '--json'], env);
    expect(run.code).toBe(0);
    const events = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.map((e) => e.event)).toEqual(['watch', 'state', 'end']);
    expect(events[2]).toMatchObject({ deployment_id: id, status: 'succeeded', weight: 100 });
  });
});
