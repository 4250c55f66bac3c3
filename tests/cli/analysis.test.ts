import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { harnessForFile } from '../support/harness.ts';
import { testTmpRoot } from '../support/stack-process.ts';
import { operatorToken } from '../support/tokens.ts';
import { runCli, serviceEnv } from './run-cli.ts';

const h = harnessForFile();
let env: NodeJS.ProcessEnv;
let dir: string;

beforeAll(() => {
  env = serviceEnv(h.api);
  dir = mkdtempSync(join(testTmpRoot(), 'rollgate-analysis-'));
});

const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('rollgate analysis', () => {
  it('show prints every metric’s settings: the seed documents’ defaults', async () => {
    const run = await runCli(['analysis', 'show', 'production'], env);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('production: alpha 0.005, min_samples 50, bake_seconds 600');
    expect(lines[1]).toMatch(/^METRIC +COMPARED WITH +THRESHOLD +BAD WHEN +CRITICAL +DRY RUN/);
    expect(lines).toHaveLength(2 + 8);
    expect(run.stdout).toMatch(
      /\nerror_rate +limit +max_error_rate 5 +increase +yes +no +hold +rollback\n/,
    );
    expect(run.stdout).toMatch(/\nhealth_score +limit +min_health_score 85 +decrease /);
    expect(run.stdout).toMatch(/\nhealth_checks +limit +max_failed_health_checks 3 +increase /);
  });

  it('set applies a spec file and flags, and show --json reads it back', async () => {
    const spec = file('spec.json', {
      thresholds: { max_failed_health_checks: 4 },
      metrics: { latency_vs_stable: { critical: false, no_data: 'pass' } },
    });
    try {
      const run = await runCli(
        ['analysis', 'set', 'production', '--file', spec, '--threshold', 'max_error_rate=3'],
        env,
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/\nerror_rate +limit +max_error_rate 3 /);
      expect(run.stdout).toMatch(
        /\nlatency_vs_stable +stable +latency_margin 5 +increase +no +no +pass +pause\n/,
      );
      const shown = JSON.parse(
        (await runCli(['analysis', 'show', 'production', '--json'], env)).stdout,
      );
      expect(shown.thresholds).toMatchObject({ max_error_rate: 3, max_failed_health_checks: 4 });
      expect(shown.spec).toEqual({
        metrics: { latency_vs_stable: { critical: false, no_data: 'pass' } },
      });
    } finally {
      await h.db.sql`update environments set analysis = '{}',
                   thresholds = thresholds || '{"max_error_rate": 5, "max_failed_health_checks": 3}'
                   where name = 'production'`;
    }
  });

  it('refuses a bad file (exit 2), a bad setting (exit 1) and a caller who is not an admin', async () => {
    const missing = await runCli(
      ['analysis', 'set', 'production', '--file', join(dir, 'nope.json')],
      env,
    );
    expect(missing).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--file .*nope.json: cannot read it \(ENOENT\)/),
    });
    const notJson = await runCli(
      ['analysis', 'set', 'production', '--file', file('bad.json', '{')],
      env,
    );
    expect(notJson.stderr).toMatch(/not JSON/);
    const absolute = file('abs.json', { metrics: { error_rate: { direction: 'decrease' } } });
    const wrong = await runCli(['analysis', 'set', 'production', '--file', absolute], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(
      /^rollgate: validation_failed: metrics.error_rate.direction: error_rate is judged against an absolute limit/,
    );
    const deployer = await runCli(['analysis', 'set', 'production', '--threshold', 'alpha=0.01'], {
      ...env,
      SUPABASE_SERVICE_ROLE_KEY: await operatorToken(['deployer']),
    });
    expect(deployer.code).toBe(1);
    expect(deployer.stderr).toMatch(/^rollgate: forbidden: /);
    const [row] = await h.db.sql`
      select thresholds->>'alpha' as alpha, analysis from environments where name = 'production'`;
    expect(row).toMatchObject({ alpha: '0.005', analysis: {} });
  });

  it('deploy start --analysis sends the spec, which get_status shows with its effect', async () => {
    const spec = file('deploy.json', {
      metrics: { error_rate: { threshold: 2, no_data: 'fail' } },
    });
    const run = await runCli(
      [
        'deploy',
        'start',
        '--env',
        'staging',
        '--version',
        'v-analysis-1',
        '--analysis',
        spec,
        '--json',
      ],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    const id = JSON.parse(run.stdout).deployment_id as string;
    const status = await h.api.call('deploy-orchestrator', {
      action: 'get_status',
      deployment_id: id,
    });
    expect(status.body.result.analysis.spec).toEqual({
      metrics: { error_rate: { threshold: 2, no_data: 'fail' } },
    });
    expect(status.body.result.analysis.metrics.error_rate.threshold.value).toBe(2);
    const bad = await runCli(
      [
        'deploy',
        'start',
        '--env',
        'staging',
        '--version',
        'v-analysis-2',
        '--analysis',
        file('arr.json', []),
      ],
      env,
    );
    expect(bad).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/a JSON object is expected/),
    });
  });
});
