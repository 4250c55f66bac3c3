import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createVerifier } from '../../supabase/functions/_shared/auth.ts';
import { createSql } from '../../supabase/functions/_shared/db.ts';
import { silentLogger } from '../../supabase/functions/_shared/log.ts';
import { createDatabaseScalabilityApp } from '../../supabase/functions/database-scalability/app.ts';
import { ROOT } from '../support/stack-process.ts';
import { startTestApi, TEST_JWT_SECRET, type TestApi } from '../support/test-api.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { userToken } from '../support/tokens.ts';

let api: TestApi;
let token: string;

beforeAll(async () => {
  api = await startTestApi(await createTestDatabase());
  token = await userToken();
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

  it('lints SQL passed inline', async () => {
    const reply = await lint({
      sql: "set lock_timeout = '5s';\ncreate index users_email on users (email);",
    });
    expect(reply.status).toBe(200);
    expect(reply.body.result.status).toBe('fail');
    expect(reply.body.result.value).toBe(1);
    expect(reply.body.result.details.findings[0]).toMatchObject({
      line: 2,
      rule: 'index-without-concurrently',
    });
  });

  it('lints the project’s own migration files, all or only those not yet applied', async () => {
    const onDisk = readdirSync(join(ROOT, 'supabase', 'migrations'))
      .filter((n) => n.endsWith('.sql'))
      .sort();
    const all = await lint({ migrations: 'all' });
    expect(all.status).toBe(200);
    expect(all.body.result.details.files).toEqual(onDisk);
    const ours = all.body.result.details.findings.filter((f: { file: string }) =>
      /^20261125003\d{3}_/.test(f.file),
    );
    expect(ours).toEqual([]);
    // The test database was migrated from these very files: nothing is pending.
    const pending = await lint({ migrations: 'pending' });
    expect(pending.body.result).toEqual({
      status: 'pass',
      value: 0,
      threshold: 0,
      details: { files: [], statements: 0, findings: [] },
    });
  });

  it('refuses neither or both of sql and migrations, and anon callers', async () => {
    expect((await lint({})).body.error.code).toBe('validation_failed');
    const both = await lint({ sql: 'select 1', migrations: 'all' });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toBe('give either "sql" or "migrations"');
    const anon = await lint({ sql: 'select 1' }, { token: api.anonKey });
    expect(anon.status).toBe(403);
  });
});
