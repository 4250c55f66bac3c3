import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES } from '../../shared/function-names.ts';
import { signRoleKey } from '../../stack/keys.ts';
import { freePort, ROOT, waitFor } from '../support/stack-process.ts';
import { TEST_JWT_SECRET } from '../support/test-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const DENO = join(ROOT, 'node_modules', '.bin', 'deno');
const entry = (fn: string) => join(ROOT, 'supabase', 'functions', fn, 'index.ts');
const config = (fn: string) => join(ROOT, 'supabase', 'functions', fn, 'deno.json');

describe('the function entries under real Deno', () => {
  it.each(FUNCTION_NAMES)('%s type-checks with deno check', (fn) => {
    const result = spawnSync(
      DENO,
      ['check', '--quiet', '--node-modules-dir=manual', '--config', config(fn), entry(fn)],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  // `supabase functions deploy` uploads no package.json: every bare import of the function's
  // module graph must be in its own deno.json, or the deployed function cannot start
  // (locally `--node-modules-dir=manual` finds it through package.json and hides the gap).
  it.each(FUNCTION_NAMES)('%s: every bare import is in its deno.json import map', (fn) => {
    const result = spawnSync(
      DENO,
      ['info', '--json', '--node-modules-dir=manual', '--config', config(fn), entry(fn)],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DENO_NO_UPDATE_CHECK: '1' } },
    );
    expect(result.status, result.stderr).toBe(0);
    const graph = JSON.parse(result.stdout) as {
      modules: Array<{ specifier: string; dependencies?: Array<{ specifier: string }> }>;
    };
    const imports = Object.keys(
      (JSON.parse(readFileSync(config(fn), 'utf8')) as { imports: Record<string, string> }).imports,
    );
    const bare = graph.modules
      .filter((m) => m.specifier.startsWith('file://'))
      .flatMap((m) => (m.dependencies ?? []).map((d) => d.specifier))
      .filter((s) => !/^(\.|\/|node:|npm:|jsr:|https?:)/.test(s));
    const unmapped = [...new Set(bare)].filter(
      (s) => !imports.some((key) => s === key || (key.endsWith('/') && s.startsWith(key))),
    );
    expect(unmapped).toEqual([]);
  });

  describe('database-scalability served by Deno.serve', () => {
    let db: TestDatabase;
    let child: ChildProcess;
    let url: string;
    let output = '';

    beforeAll(async () => {
      db = await createTestDatabase();
      const port = await freePort();
      url = `http://127.0.0.1:${port}/database-scalability`;
      child = spawn(
        DENO,
        [
          'run',
          '-A',
          '--node-modules-dir=manual',
          '--config',
          config('database-scalability'),
          entry('database-scalability'),
        ],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            DENO_NO_UPDATE_CHECK: '1',
            DENO_SERVE_ADDRESS: `tcp:127.0.0.1:${port}`,
            SUPABASE_DB_URL: db.url,
            SUPABASE_URL: `http://127.0.0.1:${port}`,
            ROLLGATE_LEGACY_JWT_SECRET: TEST_JWT_SECRET,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child.stdout?.on('data', (d) => {
        output += d;
      });
      child.stderr?.on('data', (d) => {
        output += d;
      });
      await waitFor(
        () =>
          fetch(url, { method: 'OPTIONS' }).then(
            () => true,
            () => false,
          ),
        30_000,
        `deno serve:\n${output}`,
      );
    });

    afterAll(() => {
      child?.kill('SIGTERM');
    });

    it('answers health_check bare', async () => {
      const response = await fetch(url, { method: 'POST', body: '{"action":"health_check"}' });
      expect(response.status).toBe(200);
      expect((await response.json()).result.status).toBe('healthy');
    });

    it('runs a real database query for a service_role caller and refuses a caller without a token', async () => {
      await db.sql`create table if not exists deno_probe (id int primary key)`;
      const key = await signRoleKey('service_role', TEST_JWT_SECRET, Math.floor(Date.now() / 1000));
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}` },
        body: '{"action":"table_sizes"}',
      });
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.result.details.tables.map((t: { tablename: string }) => t.tablename)).toContain(
        'deno_probe',
      );
      const bare = await fetch(url, { method: 'POST', body: '{"action":"table_sizes"}' });
      expect(bare.status).toBe(401);
    });

    it('lints a migration on PostgreSQL’s parser (WebAssembly) with line and column', async () => {
      await db.sql`create table if not exists deno_lint_empty (id int)`;
      const key = await signRoleKey('service_role', TEST_JWT_SECRET, Math.floor(Date.now() / 1000));
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}` },
        body: JSON.stringify({
          action: 'lint_migration',
          sql: "set lock_timeout = '5s';\nset statement_timeout = '1min';\n-- é\ncreate index on public.orders (id);\ncreate index on public.deno_lint_empty (id);\nalter tble x;",
        }),
      });
      expect(response.status).toBe(200);
      const { result } = await response.json();
      expect(result.status).toBe('fail');
      expect(
        result.details.findings.map(
          (f: { line: number; column: number; rule: string; severity: string }) => [
            f.line,
            f.column,
            f.rule,
            f.severity,
          ],
        ),
      ).toEqual([
        [4, 17, 'require-concurrent-index-creation', 'error'],
        [5, 17, 'require-concurrent-index-creation', 'info'],
        [6, 7, 'syntax-error', 'error'],
      ]);
      expect(result.details.findings[2].message).toContain('syntax error at or near "tble"');
    });
  });
});
