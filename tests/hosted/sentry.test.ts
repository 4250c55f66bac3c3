import * as Sentry from '@sentry/node';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canaryRollout } from '../../stack/rollout-request.ts';
import {
  captureAll,
  captureLarge,
  initSentry,
  rollgateDsn,
  sentGzipped,
} from '../support/sentry.ts';

// Runs inside the hosted-parity run (.ci/hosted-parity): the real @sentry/node against the
// functions as `supabase functions deploy` uploads them, served by Deno behind the gateway
// stand-in (which hands `/functions/v1/error-tracking/api/1/envelope/` to the function as
// `/error-tracking/api/1/envelope/`). `npm test` skips it.
const url = process.env.HOSTED_DATABASE_URL;
const functionsUrl = process.env.HOSTED_FUNCTIONS_URL as string;
const secretKey = process.env.HOSTED_SECRET_KEY;
const hosted = Boolean(url && functionsUrl && secretKey);
const run = `s${Date.now().toString(36)}`;

async function call(fn: string, body: Record<string, unknown>) {
  const response = await fetch(`${functionsUrl}/${fn}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!json.ok) throw new Error(`${body.action}: ${response.status} ${JSON.stringify(json)}`);
  return json.result;
}

const ingestKey = async (name: string, scope: 'telemetry' | 'errors') =>
  (await call('deploy-orchestrator', { action: 'create_ingest_key', name, scope })).key as string;

describe.skipIf(!hosted)('a Sentry SDK against the hosted functions', () => {
  let sql: postgres.Sql;

  beforeAll(() => {
    sql = postgres(url as string, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await Sentry.close(2000);
    await sql?.end();
  });

  it('turns captured exceptions, plain and gzip, into issues with release, level and stack', async () => {
    const environment = `${run}-env`;
    const { sent } = await initSentry({
      dsn: rollgateDsn(functionsUrl, await ingestKey(`${run}-server`, 'telemetry')),
      release: 'shop@9.9.9',
      environment,
    });
    Sentry.setTag('component', 'checkout');
    Sentry.captureException(new TypeError('card declined for order 77'), { level: 'fatal' });
    expect(await Sentry.flush(10_000)).toBe(true);
    expect(await captureLarge(new Error('inventory sync failed'))).toBe(true);
    expect(sentGzipped(sent)).toBe(true);

    const rows = await sql`
      select e.error_message, e.severity, e.release, e.component, e.stack, i.title
        from error_events e join error_issues i on i.id = e.issue_id
       where e.environment = ${environment} order by e.occurred_at`;
    expect(rows.map((r) => [r.error_message, r.severity, r.release, r.component])).toEqual([
      ['TypeError: card declined for order 77', 'fatal', 'shop@9.9.9', 'checkout'],
      ['Error: inventory sync failed', 'error', 'shop@9.9.9', 'checkout'],
    ]);
    expect(rows[0]?.stack).toMatch(/^TypeError: card declined for order 77\n {4}at /);
  });

  it('rolls a canary whose version is the release back on fatal events from a telemetry key only', async () => {
    // `development` needs no approval (production's needs a person); the same judge runs.
    const version = `${run}-v2`;
    const started = await call('deploy-orchestrator', {
      action: 'start_deployment',
      ...canaryRollout('development', version, [25, 600], [100, 0]),
    });
    const id = started.deployment_id as string;
    expect(started.status).toBe('progressing');
    const requests = (variant: string, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        duration_ms: 90 + (i % 20),
        status: i % 100 === 0 ? 500 : 200,
        environment: 'development',
        deployment_id: id,
        variant,
      }));
    await call('production-monitoring', {
      action: 'record_requests',
      requests: [...requests('stable', 300), ...requests('canary', 100)],
    });
    const errors = () => Array.from({ length: 60 }, (_, i) => new Error(`payment timed out ${i}`));
    const status = async () =>
      (await call('deploy-orchestrator', { action: 'get_status', deployment_id: id })).status;

    await initSentry({
      dsn: rollgateDsn(functionsUrl, await ingestKey(`${run}-browser`, 'errors')),
      release: version,
      environment: 'development',
    });
    await captureAll(errors(), 'fatal');
    const [stored] =
      await sql`select count(*)::int as n from error_events where release = ${version}`;
    expect(stored?.n).toBe(60);
    expect(await status()).toBe('progressing');

    await initSentry({
      dsn: rollgateDsn(functionsUrl, await ingestKey(`${run}-api`, 'telemetry')),
      release: version,
      environment: 'development',
    });
    await captureAll(errors(), 'fatal');
    expect(await status()).toBe('rolled_back');
  });
});
