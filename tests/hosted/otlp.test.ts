import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canaryRollout } from '../../stack/rollout-request.ts';
import { externalDeployment } from '../support/deployment-log.ts';
import { otelMeter, otelTracer, type ServerSpan, sendSpans } from '../support/otel.ts';

// OTLP ingest as a deployed function serves it (Deno, the uploaded deno.json, the pooler): the
// real OpenTelemetry SDK posting JSON and protobuf to `…/production-monitoring/v1/traces` and
// `/v1/metrics` with an ingest key, down to a canary rolled back by spans whose only labels are
// standard resource attributes. Runs inside .ci/hosted-parity; `npm test` skips it.
const url = process.env.HOSTED_DATABASE_URL;
const functionsUrl = process.env.HOSTED_FUNCTIONS_URL;
const secretKey = process.env.HOSTED_SECRET_KEY;
const hosted = Boolean(url && functionsUrl && secretKey);

const run = `${process.pid}-${Date.now() % 100_000}`;

async function call(fn: string, body: Record<string, unknown>) {
  const response = await fetch(`${functionsUrl}/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secretKey}` },
    body: JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON paths, as jq does
  return { status: response.status, body: (await response.json()) as any };
}

const spans = (n: number, failedPer100: number): ServerSpan[] =>
  Array.from({ length: n }, (_, i) => ({
    ms: 90 + (i % 20),
    status: i % 100 < failedPer100 ? 503 : 200,
    route: '/checkout',
  }));

describe.skipIf(!hosted)('OTLP ingest on the hosted-like project', () => {
  let sql: postgres.Sql;
  let key: string;
  const endpoint = `${functionsUrl}/production-monitoring`;
  const resource = (environment: string, version: string) => ({
    'service.name': 'shop',
    'service.version': version,
    'deployment.environment.name': environment,
  });
  const requests = async (environment: string) => {
    const reply = await call('production-monitoring', {
      action: 'performance_metrics',
      time_window: '5m',
      environment,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body.result;
  };

  beforeAll(async () => {
    sql = postgres(url as string, { max: 1, onnotice: () => {} });
    const created = await call('deploy-orchestrator', {
      action: 'create_ingest_key',
      name: `otel-${run}`,
      scope: 'telemetry',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    key = created.body.result.key;
  });

  afterAll(() => sql?.end());

  it('takes JSON and gzip-compressed protobuf spans', async () => {
    for (const format of ['json', 'protobuf'] as const) {
      const environment = `otlp-${format}-${run}`;
      const otel = otelTracer({
        endpoint,
        headers: { apikey: key },
        format,
        gzip: format === 'protobuf',
        resource: resource(environment, '1.0.0'),
      });
      await otel.send(spans(100, 5));
      expect(otel.results.map((r) => r.code)).toEqual([0]);
      expect(await requests(environment)).toMatchObject({ requests: 100, failed: 5 });
    }
  });

  it('merges cumulative request-duration histograms into the rollups as deltas', async () => {
    const environment = `otlp-metrics-${run}`;
    const otel = otelMeter({
      endpoint,
      headers: { apikey: key },
      format: 'protobuf',
      resource: resource(environment, '1.0.0'),
    });
    await otel.send(Array.from({ length: 80 }, (_, i) => ({ ms: 120, status: i < 8 ? 500 : 200 })));
    await otel.send(Array.from({ length: 20 }, () => ({ ms: 120, status: 200 })));
    expect(otel.results.every((r) => r.code === 0)).toBe(true);
    expect(await requests(environment)).toMatchObject({ requests: 100, failed: 8 });
  });

  it('rolls back a canary from spans that carry only standard resource attributes', async () => {
    const stable = `otlp-stable-${run}`;
    const version = `otlp-canary-${run}`;
    const logged = await call('production-monitoring', externalDeployment('staging', stable));
    expect(logged.status, JSON.stringify(logged.body)).toBe(200);
    const started = await call('deploy-orchestrator', {
      action: 'start_deployment',
      ...canaryRollout('staging', version, [25, 600], [100, 0]),
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const id = started.body.result.deployment_id as string;
    expect(started.body.result.status).toBe('progressing');
    const send = async (v: string, list: ServerSpan[]) =>
      expect(
        await sendSpans(
          { endpoint, headers: { apikey: key }, resource: resource('staging', v) },
          list,
        ),
      ).toEqual([0]);
    await send(stable, spans(600, 1));
    await send(version, spans(300, 25));
    const status = await call('deploy-orchestrator', { action: 'get_status', deployment_id: id });
    expect(status.body.result).toMatchObject({ status: 'rolled_back' });
    const [row] = await sql<{ canary: number }[]>`
      select count(*)::int as canary from public.telemetry_rollups
       where deployment_id = ${id} and variant = 'canary' and scope = 'deployment'
         and resolution = 'minute' and requests > 0`;
    expect(row?.canary).toBeGreaterThan(0);
  });
});
