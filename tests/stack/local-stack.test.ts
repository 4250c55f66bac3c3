import { createServer } from 'node:net';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { FUNCTION_NAMES } from '../../shared/function-names.ts';
import {
  freePort,
  postgresProcessesFor,
  runStatus,
  spawnStack,
  stackEnv,
  startStackProcess,
  stopStackProcess,
  tempDataDir,
} from '../support/stack-process.ts';

async function startedStack() {
  const dataDir = tempDataDir();
  const env = await stackEnv(dataDir);
  return { dataDir, env, stack: await startStackProcess(env) };
}

describe('npm start (the local stack)', () => {
  it('serves every health_check, prints its keys, and stops its PostgreSQL on SIGTERM', async () => {
    const { dataDir, env, stack } = await startedStack();
    const apiUrl = `http://127.0.0.1:${env.ROLLGATE_PORT}`;
    for (const fn of FUNCTION_NAMES) {
      const response = await fetch(`${apiUrl}/functions/v1/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"action":"health_check"}',
      });
      expect(response.status).toBe(200);
      expect((await response.json()).result.status).toBe('healthy');
    }

    const status = runStatus(env, ['-o', 'env']);
    expect(status.status).toBe(0);
    const vars = Object.fromEntries(
      status.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(/=(.*)/s).slice(0, 2)),
    );
    expect(vars.API_URL).toBe(apiUrl);
    expect(vars.DB_URL).toBe(
      `postgresql://postgres:postgres@127.0.0.1:${env.ROLLGATE_DB_PORT}/postgres`,
    );
    expect(stack.output()).toContain(vars.SERVICE_ROLE_KEY);

    // The standard SDKs' settings, with the stack's own telemetry ingest key (issue 14, item 3).
    const dsn = new URL(vars.SENTRY_DSN as string);
    expect(dsn.username).toMatch(/^rg_ingest_[A-Za-z0-9]{32}$/);
    expect(`${dsn.origin}${dsn.pathname}`).toBe(`${apiUrl}/functions/v1/error-tracking/1`);
    expect(vars.OTEL_EXPORTER_OTLP_ENDPOINT).toBe(`${apiUrl}/functions/v1/production-monitoring`);
    expect(vars.OTEL_EXPORTER_OTLP_HEADERS).toBe(`apikey=${dsn.username}`);
    const envelope = await fetch(
      `${apiUrl}/functions/v1/error-tracking/api/1/envelope/?sentry_key=${dsn.username}`,
      { method: 'POST', body: '{}\n{"type":"event"}\n{"message":"hello from the local stack"}' },
    );
    expect(envelope.status, await envelope.text()).toBe(200);

    // The printed service_role key is accepted; the anon key is not enough for an authenticated action.
    const call = (key: string) =>
      fetch(`${apiUrl}/functions/v1/database-scalability`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: '{"action":"unvalidated_constraints"}',
      });
    expect((await call(vars.SERVICE_ROLE_KEY as string)).status).toBe(200);
    expect((await call(vars.ANON_KEY as string)).status).toBe(403);

    expect(postgresProcessesFor(dataDir).length).toBeGreaterThan(0);
    expect(await stopStackProcess(stack)).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  });

  it('keeps its data across restarts and applies no migration twice', async () => {
    const first = await startedStack();
    const dbUrl = `postgresql://postgres:postgres@127.0.0.1:${first.env.ROLLGATE_DB_PORT}/postgres`;
    const count = async () => {
      const sql = postgres(dbUrl, { max: 1 });
      const [row] = await sql`select count(*)::int as n from supabase_migrations.schema_migrations`;
      await sql.end();
      return row?.n as number;
    };
    const before = await count();
    expect(before).toBeGreaterThan(0);
    first.stack.child.kill('SIGINT');
    expect(await first.stack.exited).toBe(0);

    const again = await startStackProcess(first.env);
    expect(await count()).toBe(before);
    const sql = postgres(dbUrl, { max: 1 });
    const keys = await sql`select name from rollgate_ingest_keys where revoked_at is null`;
    await sql.end();
    expect(keys.map((k) => k.name)).toEqual(['local-stack']);
    expect(await stopStackProcess(again)).toBe(0);
    expect(postgresProcessesFor(first.dataDir)).toEqual([]);
  });

  it('ends with one clear line and exit 1 when the API port is taken', async () => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', () => r()));
    const dataDir = tempDataDir();
    const stack = spawnStack({
      ROLLGATE_DATA_DIR: dataDir,
      ROLLGATE_PORT: String(port),
      ROLLGATE_DB_PORT: String(await freePort()),
    });
    expect(await stack.exited).toBe(1);
    blocker.close();
    expect(stack.output().trim()).toBe(
      `rollgate: API port 127.0.0.1:${port} is already in use; set ROLLGATE_PORT to another port`,
    );
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  });

  it('ends with one clear line and exit 1 when DATABASE_URL does not answer', async () => {
    const deadPort = await freePort();
    const stack = spawnStack({
      ROLLGATE_DATA_DIR: tempDataDir(),
      ROLLGATE_PORT: String(await freePort()),
      DATABASE_URL: `postgresql://postgres:secret-pw@127.0.0.1:${deadPort}/postgres`,
    });
    expect(await stack.exited).toBe(1);
    const out = stack.output().trim();
    expect(out.split('\n')).toHaveLength(1);
    expect(out).toContain(
      `rollgate: cannot reach DATABASE_URL postgresql://postgres:***@127.0.0.1:${deadPort}/postgres`,
    );
    expect(out).not.toContain('secret-pw');
  });

  it('status without a started stack says what to do', () => {
    const dataDir = tempDataDir();
    const result = runStatus({ ROLLGATE_DATA_DIR: dataDir }, ['-o', 'env']);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`rollgate: no keys in ${dataDir}; run \`npm start\` first`);
  });
});
