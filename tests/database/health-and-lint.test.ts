import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/log.ts';
import { createSql } from '../../shared/sql/connect.ts';
import { createVerifier } from '../../supabase/functions/_shared/auth.ts';
import { createDatabaseScalabilityApp } from '../../supabase/functions/database-scalability/app.ts';
import { ROOT } from '../support/stack-process.ts';
import { startTestApi, TEST_JWT_SECRET, type TestApi } from '../support/test-api.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { operatorToken } from '../support/tokens.ts';

let api: TestApi;
let token: string;

beforeAll(async () => {
  api = await startTestApi(await createTestDatabase());
  token = await operatorToken(['viewer']);
});

describe('health_check', () => {
  it('answers bare with the database round-trip time', async () => {
    const reply = await api.call(
      'database-scalability',
      { action: 'health_check' },
      { token: null },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.result.status).toBe('healthy');
    expect(reply.body.result.database.status).toBe('available');
    expect(reply.body.result.database.latency_ms).toBeGreaterThan(0);
    expect(reply.body.result.database.latency_ms).toBeLessThan(2000);
  });

  it('still answers 200 when the database is down, reporting it unavailable', async () => {
    // Port 1 on loopback refuses connections: a database that is not there at all.
    const sql = createSql('postgres://postgres:postgres@127.0.0.1:1/postgres', { max: 1 });
    const app = createDatabaseScalabilityApp({
      sql,
      verifier: createVerifier({
        url: 'http://127.0.0.1',
        publishableKeys: {},
        secretKeys: {},
        legacy: { jwtSecret: TEST_JWT_SECRET },
      }),
      log: silentLogger,
      env: () => undefined,
    });
    const response = await app.request('/database-scalability', {
      method: 'POST',
      body: JSON.stringify({ action: 'health_check' }),
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.result).toMatchObject({
      status: 'degraded',
      function: 'database-scalability',
      database: { status: 'unavailable' },
    });
    await sql.end({ timeout: 1 });
  });
});

describe('lint_migration', () => {
  const lint = (body: Record<string, unknown>, options = { token: '' }) =>
    api.call(
      'database-scalability',
      { action: 'lint_migration', ...body },
      {
        token: options.token || token,
      },
    );

  it('lints SQL passed inline on PostgreSQL’s own parser, with line and column', async () => {
    const reply = await lint({
      sql: "set lock_timeout = '5s';\nset statement_timeout = '1min';\ncreate index users_email on users (email);\nalter tble x;",
    });
    expect(reply.status).toBe(200);
    expect(reply.body.result.status).toBe('fail');
    expect(
      reply.body.result.details.findings.map(
        (f: { line: number; column: number; rule: string }) => [f.line, f.column, f.rule],
      ),
    ).toEqual([
      [3, 29, 'require-concurrent-index-creation'],
      [4, 7, 'syntax-error'],
    ]);
  });

  it('lints the applied migrations read from the database (no files on disk needed): ours are clean', async () => {
    const onDisk = readdirSync(join(ROOT, 'supabase', 'migrations'))
      .filter((n) => n.endsWith('.sql'))
      .sort();
    const applied = await lint({ migrations: 'applied' });
    expect(applied.status).toBe(200);
    expect(applied.body.result.details.files).toEqual(onDisk);
    expect(applied.body.result.details.statements).toBeGreaterThan(100);
    expect(applied.body.result.details.findings).toEqual([]);
    expect(applied.body.result.status).toBe('pass');
  });

  it('lints files sent by the caller as one batch', async () => {
    const reply = await lint({
      files: [
        { name: '001_new.sql', sql: 'create table public.fresh (id int);' },
        { name: '002_index.sql', sql: 'create index on fresh (id);\ndrop table public.sessions;' },
      ],
    });
    expect(reply.status).toBe(200);
    expect(
      reply.body.result.details.findings.map((f: { file: string; line: number; rule: string }) => [
        f.file,
        f.line,
        f.rule,
      ]),
    ).toEqual([
      ['002_index.sql', 2, 'require-lock-timeout'],
      ['002_index.sql', 2, 'require-statement-timeout'],
      ['002_index.sql', 2, 'ban-drop-table'],
    ]);
  });

  it('refuses none or two of sql, files and migrations, "pending", and anon callers', async () => {
    expect((await lint({})).body.error.code).toBe('validation_failed');
    const both = await lint({ sql: 'select 1', migrations: 'applied' });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toBe('give exactly one of sql, files, migrations');
    const pending = await lint({ migrations: 'pending' });
    expect(pending.status).toBe(400);
    expect(pending.body.error.code).toBe('validation_failed');
    const anon = await lint({ sql: 'select 1' }, { token: api.anonKey });
    expect(anon.status).toBe(403);
  });
});
