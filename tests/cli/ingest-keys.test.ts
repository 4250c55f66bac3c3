import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { cleanEnv, runCli } from './run-cli.ts';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi(await createTestDatabase());
});

describe('rollgate ingest-keys', () => {
  it('create prints the key once with SENTRY_DSN and OTEL_* lines that work; list and revoke', async () => {
    const admin = cleanEnv({ SUPABASE_URL: api.url, SUPABASE_SECRET_KEY: api.secretKey });
    const created = await runCli(
      ['ingest-keys', 'create', 'shop-api', '--scope', 'telemetry', '--environment', 'production'],
      admin,
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const lines = created.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      '# ingest key "shop-api" (telemetry, environment production): shown once',
    );
    const vars = Object.fromEntries(lines.slice(1).map((l) => l.split(/=(.*)/s).slice(0, 2)));
    const key = vars.ROLLGATE_INGEST_KEY as string;
    expect(key).toMatch(/^rg_ingest_[A-Za-z0-9]{32}$/);
    expect(vars).toEqual({
      ROLLGATE_INGEST_KEY: key,
      SENTRY_DSN: `http://${key}@${new URL(api.url).host}/functions/v1/error-tracking/1`,
      OTEL_EXPORTER_OTLP_ENDPOINT: `${api.url}/functions/v1/production-monitoring`,
      OTEL_EXPORTER_OTLP_HEADERS: `apikey=${key}`,
    });

    // The printed DSN is what a Sentry SDK posts with.
    const dsn = new URL(vars.SENTRY_DSN as string);
    const envelopeUrl = `${dsn.origin}${dsn.pathname.replace(/\/(\d+)$/, '/api/$1/envelope/')}?sentry_key=${dsn.username}`;
    const sent = await fetch(envelopeUrl, {
      method: 'POST',
      body: '{}\n{"type":"event"}\n{"message":"from the CLI’s DSN","environment":"production"}',
    });
    expect(sent.status, await sent.text()).toBe(200);

    const listed = await runCli(['ingest-keys', 'list'], admin);
    expect(listed.stdout).toMatch(/^NAME +SCOPE +ENV +CREATED BY/);
    expect(listed.stdout).toMatch(/\nshop-api +telemetry +production +key:default +\S+ +-\n/);
    expect(listed.stdout).not.toContain(key);

    const revoked = await runCli(['ingest-keys', 'revoke', 'shop-api'], admin);
    expect(revoked.stdout).toBe('shop-api: revoked\n');
    const again = await fetch(envelopeUrl, { method: 'POST', body: '{}\n' });
    expect(again.status).toBe(401);
  });

  it('refuses a missing or unknown scope before sending anything (exit 2)', async () => {
    const admin = cleanEnv({ SUPABASE_URL: api.url, SUPABASE_SECRET_KEY: api.secretKey });
    const none = await runCli(['ingest-keys', 'create', 'x'], admin);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^rollgate: --scope: .*"telemetry"\|"errors"/);
    const bad = await runCli(['ingest-keys', 'create', 'x', '--scope', 'everything'], admin);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--scope');
  });
});
