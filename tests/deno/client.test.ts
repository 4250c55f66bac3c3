import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/stack-process.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDatabase } from '../support/test-database.ts';

const DENO = join(ROOT, 'node_modules', '.bin', 'deno');
const PROBE = join(ROOT, 'tests', 'deno', 'fixtures', 'client-probe.ts');
const deno = (args: string[], cwd: string) =>
  promisify(execFile)(DENO, args, {
    cwd,
    env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
  });

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi(await createTestDatabase());
});

describe('the one client under real Deno', () => {
  // Deno's own type check of a script using the client: the contracts' types reach it there too
  // (tsc leaves the probe to Deno, as it does the function entries).
  it('type-checks with deno check', async () => {
    const config = join(ROOT, 'supabase', 'functions', 'deploy-orchestrator', 'deno.json');
    const { stderr } = await deno(
      ['check', '--quiet', '--node-modules-dir=manual', '--config', config, PROBE],
      ROOT,
    );
    expect(stderr).toBe('');
  });

  // No deno.json, no node_modules, no npm, no remote imports, only network access: what a Deno
  // script (or an Edge Function of the user's) importing the client file by file gets.
  it('calls actions with typed results and raises ApiError, on Web standards alone', async () => {
    const { stdout } = await deno(
      ['run', '--no-config', '--no-lock', '--no-npm', '--no-remote', '--allow-net', PROBE].concat([
        api.url,
        api.secretKey,
      ]),
      tmpdir(),
    );
    expect(JSON.parse(stdout)).toEqual({
      health: 'healthy',
      environments: ['development', 'staging', 'production'],
      refused: { code: 'unauthorized', status: 401 },
      unreachable: 'unreachable',
    });
  });
});
