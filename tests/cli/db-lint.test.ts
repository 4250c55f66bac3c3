import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { testTmpRoot } from '../support/stack-process.ts';
import { startTestApi } from '../support/test-api.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { cleanEnv, runCli, serviceEnv } from './run-cli.ts';

let dir: string;
const file = (name: string, sql: string) => {
  const path = join(dir, name);
  writeFileSync(path, sql);
  return path;
};
const TIMEOUTS = "set lock_timeout = '5s';\nset statement_timeout = '1min';\n";

beforeAll(() => {
  dir = mkdtempSync(join(testTmpRoot(), 'db-lint-'));
});

describe('rollgate db lint', () => {
  it('prints squawk-like findings with the line and a caret, and exits 1 on an error', async () => {
    const path = file(
      '001_index.sql',
      `${TIMEOUTS}create index orders_user on public.orders (user_id);\n`,
    );
    const run = await runCli(['db', 'lint', path], cleanEnv());
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `${path}:3:29: error[require-concurrent-index-creation] public.orders: CREATE INDEX without CONCURRENTLY`,
    );
    expect(run.stdout).toContain('3 | create index orders_user on public.orders (user_id);');
    expect(run.stdout).toContain(`  | ${' '.repeat(28)}^`);
    expect(run.stdout).toContain('= lock: SHARE');
    expect(run.stdout).toContain('Found 1 error, 0 warnings (1 file, 3 statements).');
  });

  it('exits 0 on a clean migration and on warnings only', async () => {
    const clean = file('002_clean.sql', 'create table public.t (id bigint);');
    const warns = file('003_warn.sql', 'alter table public.t add column note text;');
    const run = await runCli(['db', 'lint', clean], cleanEnv());
    expect(run).toMatchObject({ code: 0, stdout: 'No findings (1 file, 1 statements).\n' });
    const warned = await runCli(['db', 'lint', warns], cleanEnv());
    expect(warned.code).toBe(0);
    expect(warned.stdout).toContain('warning[require-lock-timeout]');
  });

  it('lints several files as one batch: a table created by an earlier file is new', async () => {
    const create = file('010_create.sql', 'create table public.widgets (id bigint);');
    const index = file('011_index.sql', 'create index on public.widgets (id);');
    expect((await runCli(['db', 'lint', create, index], cleanEnv())).code).toBe(0);
    expect((await runCli(['db', 'lint', index], cleanEnv())).code).toBe(1);
  });

  it('--format json gives the report; --format github gives annotations', async () => {
    const path = file('020_drop.sql', `${TIMEOUTS}drop table public.sessions;\nalter tble x;\n`);
    const json = await runCli(['db', 'lint', '--format', 'json', path], cleanEnv());
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(
      report.findings.map((f: { line: number; column: number; rule: string }) => [
        f.line,
        f.column,
        f.rule,
      ]),
    ).toEqual([
      [3, 1, 'ban-drop-table'],
      [4, 7, 'syntax-error'],
    ]);
    const github = await runCli(['db', 'lint', '--format', 'github', path], cleanEnv());
    expect(github.code).toBe(1);
    const lines = github.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(
        `^::error file=${path.replace(/[/.]/g, '\\$&')},line=3,col=1,title=ban-drop-table::public.sessions: Dropping a table`,
      ),
    );
    expect(lines[1]).toMatch(/^::error file=.*,line=4,col=7,title=syntax-error::/);
  });

  it('honours a config file: exclusions need a reason, opt-in rules, the server version', async () => {
    const path = file(
      '030_add.sql',
      `${TIMEOUTS}alter table public.t add column plan text default 'free';\ndrop table public.old;\n`,
    );
    const config = file(
      'rollgate-lint.json',
      JSON.stringify({
        server_version: 10,
        exclusions: [
          { rule: 'ban-drop-table', files: ['030_*.sql'], reason: 'old is unused since v2' },
        ],
      }),
    );
    const run = await runCli(
      ['db', 'lint', '--config', config, '--format', 'json', path],
      cleanEnv(),
    );
    expect(JSON.parse(run.stdout).findings.map((f: { rule: string }) => f.rule)).toEqual([
      'adding-field-with-default',
    ]);
    const noReason = file(
      'bad-lint.json',
      JSON.stringify({ exclusions: [{ rule: 'ban-drop-table' }] }),
    );
    const bad = await runCli(
      ['db', 'lint', '--config', noReason, '--format', 'json', path],
      cleanEnv(),
    );
    expect(bad.code).toBe(1);
    expect(
      JSON.parse(bad.stdout).findings.map((f: { file: string; rule: string }) => [f.file, f.rule]),
    ).toEqual([
      [path, 'ban-drop-table'],
      [noReason, 'exclusion-without-reason'],
    ]);
  });

  it('exits 2 on an unreadable file, a bad config or a bad format, and says why', async () => {
    const missing = await runCli(['db', 'lint', join(dir, 'nope.sql')], cleanEnv());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.sql: ENOENT');
    const sql = file('040.sql', 'select 1;');
    const badConfig = file('broken.json', '{"exclusions": [{"rule": 1}]}');
    const config = await runCli(['db', 'lint', '--config', badConfig, sql], cleanEnv());
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('exclusions.0.rule');
    const format = await runCli(['db', 'lint', '--format', 'xml', sql], cleanEnv());
    expect(format.code).toBe(2);
    expect((await runCli(['db', 'lint'], cleanEnv())).code).toBe(2);
  });

  it('--live grades the files by the server’s catalog (an empty table passes); db check prints findings', async () => {
    const db = await createTestDatabase();
    await db.sql`create table public.live_empty (id int)`;
    const api = await startTestApi(db);
    const env = serviceEnv(api);
    const path = file('050_live.sql', `${TIMEOUTS}create index on public.live_empty (id);\n`);
    expect((await runCli(['db', 'lint', path], env)).code).toBe(1);
    const live = await runCli(['db', 'lint', '--live', '--format', 'json', path], env);
    expect(live.code).toBe(0);
    expect(JSON.parse(live.stdout).findings).toMatchObject([
      { rule: 'require-concurrent-index-creation', severity: 'info', live: { rows: 0 } },
    ]);
    // db check runs the same engine inside pre_deployment_check and prints its findings.
    const drop = file('051_drop.sql', `${TIMEOUTS}alter table public.live_empty drop column id;\n`);
    const check = await runCli(['db', 'check', '--migration', drop], env);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('verdict: fail');
    expect(check.stdout).toContain(
      '<sql>:3:13: error[ban-drop-column] public.live_empty.id: Dropping a column',
    );
  });
});
