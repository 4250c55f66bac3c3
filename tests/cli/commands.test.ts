import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateKeys } from '../../stack/keys.ts';
import { harnessForFile } from '../support/harness.ts';
import { freePort, runStatus } from '../support/stack-process.ts';
import { recordRequests } from '../support/telemetry.ts';
import { TEST_JWT_SECRET } from '../support/test-api.ts';
import { cleanEnv, runCli, serviceEnv } from './run-cli.ts';

const h = harnessForFile();
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  env = serviceEnv(h.api);
});

describe('rollgate commands against a real API', () => {
  it('health: all five functions healthy, exit 0; --json for scripts', async () => {
    const [run, asJson] = await Promise.all([
      runCli(['health'], env),
      runCli(['health', '--json'], env),
    ]);
    expect(run.code).toBe(0);
    const rows = run.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^FUNCTION +STATUS +UPTIME +DETAIL$/);
    expect(rows.slice(1).map((r) => r.split(/\s+/).slice(0, 2))).toEqual([
      ['production-monitoring', 'healthy'],
      ['error-tracking', 'healthy'],
      ['gdpr-compliance', 'healthy'],
      ['database-scalability', 'healthy'],
      ['deploy-orchestrator', 'healthy'],
    ]);
    const json = JSON.parse(asJson.stdout);
    expect(json.healthy).toBe(true);
    expect(json.functions).toHaveLength(5);
  });

  it('health against nothing listening: every function unreachable, exit 1', async () => {
    const port = await freePort();
    const run = await runCli(
      ['health', '--url', `http://127.0.0.1:${port}`, '--key', 'k'],
      cleanEnv(),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `unreachable  -       cannot reach http://127.0.0.1:${port} (ECONNREFUSED)`,
    );
  });

  it('errors rate and metrics read the telemetry windows', async () => {
    await recordRequests(
      h.api,
      Array.from({ length: 200 }, (_, i) => ({
        duration_ms: 100,
        status: i < 10 ? 503 : 200,
        environment: 'cli-test',
      })),
    );
    const [rate, metrics] = await Promise.all([
      runCli(['errors', 'rate', '--env', 'cli-test', '--window', '10m'], env),
      runCli(['metrics', '--env', 'cli-test', '--json'], env),
    ]);
    expect(rate.code).toBe(0);
    expect(rate.stdout).toMatch(
      /^error rate 5 % — 10 of 200 requests failed, 0 error events \(10m: /,
    );
    expect(JSON.parse(metrics.stdout)).toMatchObject({ requests: 200, failed: 10, error_rate: 5 });
  });

  it('flags set and list; dora and db check answer as the actions do', async () => {
    const set = await runCli(
      ['flags', 'set', 'new-checkout', '--env', 'production', '--on', '--percentage', '30'],
      env,
    );
    expect(set.stdout).toBe('new-checkout (production): on, 30%\n');
    const list = await runCli(['flags', 'list', '--env', 'production'], env);
    expect(list.stdout).toMatch(/\nnew-checkout +production +on +30% /);

    const [dora, table, check] = await Promise.all([
      runCli(['dora', '--window', '7d', '--json'], env),
      runCli(['dora'], env),
      runCli(['db', 'check', '--json'], env),
    ]);
    expect(JSON.parse(dora.stdout)).toMatchObject({
      environment: 'production',
      time_window: '7d',
      production_deployments: 0,
      insufficient_data: true,
    });
    expect(table.stdout).toContain('deployment frequency   0 per day (0)');

    const verdict = JSON.parse(check.stdout).verdict as string;
    expect(['pass', 'warn', 'fail']).toContain(verdict);
    expect(check.code).toBe(verdict === 'fail' ? 1 : 0);
  });

  it('compliance report --markdown prints the report as Markdown', async () => {
    const run = await runCli(['compliance', 'report', '--markdown'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# /);
  });

  it('shows an API error as one line with its code, never a stack trace, exit 1', async () => {
    const run = await runCli(['deploy', 'rollback', 'dep_missing', '--reason', 'gone wrong'], env);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'rollgate: not_found: deployment dep_missing does not exist\n',
    });
    const anon = await runCli(['compliance', 'report'], {
      ...env,
      SUPABASE_SERVICE_ROLE_KEY: h.api.anonKey,
    });
    expect(anon.stderr).toBe('rollgate: forbidden: anonymous may not call compliance_report\n');
    expect(anon.code).toBe(1);
  });

  it('refuses bad input with exit code 2 before sending anything', async () => {
    const cases: Array<[string[], string]> = [
      [['deploy', 'start', '--env', 'production'], 'rollgate: --version is required'],
      [
        ['deploy', 'start', '--env', 'production', '--version', 'v1', '--steps', '25:x,100'],
        'rollgate: --steps.0.pause_seconds: Invalid input: expected number, received NaN',
      ],
      [
        ['errors', 'rate', '--window', '45d'],
        'rollgate: --window: time_window must be a number with m, h or d between 1m and 30d (e.g. "5m", "1h", "30d")',
      ],
      [
        ['deploy', 'watch'],
        'rollgate: usage: rollgate deploy watch <deployment-id> [--interval <s>] [--timeout <s>]',
      ],
      [
        ['flags', 'set', 'f', '--env', 'production'],
        'rollgate: give exactly one of --on and --off',
      ],
      [['deploy', 'nope'], 'rollgate: unknown command "deploy nope"'],
      [['dora', '--bogus'], "rollgate: Unknown option '--bogus'"],
    ];
    const runs = await Promise.all(cases.map(([args]) => runCli(args, env)));
    runs.forEach((run, i) => {
      const [args, message] = cases[i] as [string[], string];
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.split('\n')[0], args.join(' ')).toContain(message);
      expect(run.stdout).toBe('');
    });
    const none = await runCli(['health'], cleanEnv());
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^rollgate: no API URL: pass --url, set SUPABASE_URL/);
  });

  it('status prints what npm run status prints, from the same data dir', async () => {
    const stackEnv = cleanEnv({ ROLLGATE_PORT: '54999' });
    await loadOrCreateKeys(stackEnv.ROLLGATE_DATA_DIR as string);
    const expected = runStatus(stackEnv as Record<string, string>, ['-o', 'env']);
    const run = await runCli(['status', '-o', 'env'], stackEnv);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(expected.stdout);
    expect(run.stdout).toContain('API_URL=http://127.0.0.1:54999\n');
  });

  it('finds the local stack from its data dir when neither URL nor key is given', async () => {
    // A data dir as `rollgate start` leaves it, whose secret key the test API accepts.
    const stackEnv = cleanEnv({ ROLLGATE_PORT: new URL(h.api.url).port });
    const keys = {
      publishableKey: h.api.publishableKey,
      secretKey: h.api.secretKey,
      signingKey: h.api.signingKey,
      jwks: { keys: [] },
      jwtSecret: TEST_JWT_SECRET,
      anonKey: h.api.anonKey,
      serviceRoleKey: h.api.serviceKey,
      webhookSecret: 'w',
    };
    writeFileSync(join(stackEnv.ROLLGATE_DATA_DIR as string, 'keys.json'), JSON.stringify(keys));
    const run = await runCli(['deploy', 'status', 'dep_missing'], stackEnv);
    expect(run.stderr).toBe('rollgate: not_found: deployment dep_missing does not exist\n');
    expect(run.code).toBe(1);
  });
});
