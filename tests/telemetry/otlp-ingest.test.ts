import { gzipSync } from 'node:zlib';
import { SpanKind } from '@opentelemetry/api';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { beforeAll, describe, expect, it } from 'vitest';
import { externalDeployment } from '../support/deployment-log.ts';
import { type Harness, setUp } from '../support/harness.ts';
import { startedCanary, uniqueVersion } from '../support/orchestrator.ts';
import { otelMeter, otelTracer, type ServerSpan, sendSpans } from '../support/otel.ts';
import { rowSnapshot } from '../support/row-snapshot.ts';
import { uniqueEnvironment } from '../support/telemetry.ts';

// Issue 14, item 2: apps instrumented with OpenTelemetry drive request metrics and canary
// analysis through OTLP/HTTP, with no label from the app. Every test runs the real SDK.
let h: Harness;
let endpoint: string;
let telemetryKey: string;

async function createKey(body: Record<string, unknown>): Promise<string> {
  const reply = await h.api.call('deploy-orchestrator', { action: 'create_ingest_key', ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.result.key;
}

const resource = (environment: string, version = '1.0.0') => ({
  'service.name': 'checkout-api',
  'service.version': version,
  'deployment.environment.name': environment,
});

const metrics = async (environment: string, extra: Record<string, unknown> = {}) => {
  const reply = await h.api.call('production-monitoring', {
    action: 'performance_metrics',
    time_window: '5m',
    environment,
    ...extra,
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.result;
};

/** n requests of about `ms`, `failedPer100` of every 100 answered 503. */
const spans = (n: number, o: { ms?: number; failedPer100?: number; route?: string } = {}) =>
  Array.from(
    { length: n },
    (_, i): ServerSpan => ({
      ms: (o.ms ?? 100) * (0.9 + ((i * 37) % 20) / 100),
      status: i % 100 < (o.failedPer100 ?? 0) ? 503 : 200,
      route: o.route ?? '/checkout',
    }),
  );

beforeAll(async () => {
  h = await setUp();
  endpoint = `${h.api.url}/functions/v1/production-monitoring`;
  telemetryKey = await createKey({ name: 'otel-app', scope: 'telemetry' });
});

describe('OTLP traces', () => {
  it('JSON spans from an exporter configured only by OTEL_EXPORTER_OTLP_* become request metrics', async () => {
    const environment = uniqueEnvironment('otlp-json');
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_EXPORTER_OTLP_HEADERS = `apikey=${telemetryKey}`;
    const otel = otelTracer({
      endpoint,
      headers: {},
      format: 'json',
      resource: resource(environment),
      fromEnv: true,
    });
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    delete process.env.OTEL_EXPORTER_OTLP_HEADERS;
    await otel.send([
      ...spans(200, { failedPer100: 5 }),
      // Not requests this service answered: no samples.
      { ms: 30, status: 200, kind: SpanKind.CLIENT },
      { ms: 5, status: 200, kind: SpanKind.INTERNAL },
    ]);
    expect(otel.results.map((r) => r.code)).toEqual([0]);
    const m = await metrics(environment);
    expect(m).toMatchObject({ requests: 200, failed: 10, error_rate: 5 });
    expect(Math.abs(m.p50_response_time - 100) / 100).toBeLessThan(0.1);
    const [row] = await h.db.sql`
      select sum(requests)::int as n from telemetry_rollups
       where environment = ${environment} and scope = 'route' and route = '/checkout'
         and resolution = 'minute'`;
    expect(row?.n).toBe(200);
  });

  it('protobuf spans, gzip-compressed, become request metrics with the old http.status_code too', async () => {
    const environment = uniqueEnvironment('otlp-proto');
    const otel = otelTracer({
      endpoint,
      headers: { apikey: telemetryKey },
      format: 'protobuf',
      gzip: true,
      resource: resource(environment),
    });
    await otel.send(spans(300, { failedPer100: 2, ms: 40, route: '/cart' }));
    expect(otel.results.map((r) => r.code)).toEqual([0]);
    const m = await metrics(environment);
    expect(m).toMatchObject({ requests: 300, failed: 6, error_rate: 2 });
    expect(Math.abs(m.p95_response_time - 40 * 1.09) / 40).toBeLessThan(0.1);
    const byRoute = await h.db.sql`
      select sum(requests)::int as n from telemetry_rollups
       where environment = ${environment} and scope = 'route' and route = '/cart'
         and resolution = 'minute'`;
    expect(byRoute[0]?.n).toBe(300);
  });

  it('error spans become error events: exceptions with type, message and stack; a bare ERROR status', async () => {
    const environment = uniqueEnvironment('otlp-errors');
    const otel = otelTracer({
      endpoint,
      headers: { authorization: `Bearer ${telemetryKey}` },
      format: 'protobuf',
      resource: resource(environment, '2.0.0'),
    });
    await otel.send([
      {
        ms: 80,
        status: 500,
        route: '/pay',
        exception: new TypeError('card declined for order 42'),
      },
      { ms: 20, status: 502, route: '/pay', errorMessage: 'upstream timed out' },
      { ms: 20, status: 200, route: '/pay' },
    ]);
    expect(otel.results.map((r) => r.code)).toEqual([0]);
    const events = await h.db.sql`
      select error_message, component, severity, release, stack, metadata
        from error_events where environment = ${environment} order by error_message`;
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      error_message: 'TypeError: card declined for order 42',
      component: 'checkout-api',
      severity: 'error',
      release: '2.0.0',
      metadata: expect.objectContaining({
        service_name: 'checkout-api',
        exception_type: 'TypeError',
        http_route: '/pay',
        trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      }),
    });
    expect(events[0]?.stack).toContain('otlp-ingest.test.ts');
    expect(events[1]).toMatchObject({ error_message: 'upstream timed out', severity: 'error' });
    const issues = await h.api.call('error-tracking', {
      action: 'list_issues',
      environment,
    });
    expect(JSON.stringify(issues.body)).toContain('card declined');
    expect(await metrics(environment)).toMatchObject({ requests: 3, failed: 2 });
  });

  it('rejects only the spans it cannot use, as partial_success, and keeps the rest', async () => {
    const environment = uniqueEnvironment('otlp-partial');
    const now = BigInt(Date.now()) * 1_000_000n;
    const span = (durationNs: bigint, status: number) => ({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      name: 'GET /x',
      kind: 2,
      startTimeUnixNano: String(now - durationNs),
      endTimeUnixNano: String(now),
      attributes: [{ key: 'http.response.status_code', value: { intValue: status } }],
    });
    const reply = await post('/v1/traces', 'application/json', {
      resourceSpans: [
        {
          resource: {
            attributes: [
              { key: 'deployment.environment.name', value: { stringValue: environment } },
            ],
          },
          scopeSpans: [
            { spans: [span(5_000_000n, 200), span(2n * 3_600_000_000_000n, 200), span(1n, 900)] },
          ],
        },
      ],
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ partialSuccess: { rejectedSpans: '2' } });
    expect(reply.json.partialSuccess.errorMessage).toMatch(/duration_ms/);
    expect(await metrics(environment)).toMatchObject({ requests: 1 });
  });
});

describe('OTLP metrics', () => {
  it('JSON cumulative histograms (the SDK default) merge into the rollups as deltas', async () => {
    const environment = uniqueEnvironment('otlp-cumulative');
    const otel = otelMeter({
      endpoint,
      headers: { apikey: telemetryKey },
      format: 'json',
      resource: resource(environment),
    });
    const requests = (n: number, failedPer100: number) =>
      Array.from({ length: n }, (_, i) => ({
        ms: 60 + (i % 50),
        status: i % 100 < failedPer100 ? 500 : 200,
        route: '/checkout',
      }));
    await otel.send(requests(100, 10));
    expect(await metrics(environment)).toMatchObject({ requests: 100, failed: 10 });
    await otel.send(requests(50, 0));
    // The second export carries all 150 since start; only the 50 new ones are added.
    const m = await metrics(environment);
    expect(m).toMatchObject({ requests: 150, failed: 10 });
    // Every value lies in the SDK's (0.05, 0.075] and (0.075, 0.1] s buckets.
    expect(m.p50_response_time).toBeGreaterThan(50);
    expect(m.p99_response_time).toBeLessThanOrEqual(110);
    expect(Math.abs(m.avg_response_time - 84.5) / 84.5).toBeLessThan(0.01);
    // An export with nothing new adds nothing.
    await otel.send([]);
    expect(await metrics(environment)).toMatchObject({ requests: 150 });
    expect(otel.results.every((r) => r.code === 0)).toBe(true);
  });

  it('protobuf delta histograms, gzip-compressed, merge into the rollups', async () => {
    const environment = uniqueEnvironment('otlp-delta');
    const otel = otelMeter({
      endpoint,
      headers: { apikey: telemetryKey },
      format: 'protobuf',
      gzip: true,
      delta: true,
      resource: resource(environment),
    });
    await otel.send(Array.from({ length: 40 }, (_, i) => ({ ms: 300, status: i < 4 ? 503 : 200 })));
    await otel.send(Array.from({ length: 60 }, () => ({ ms: 300, status: 200 })));
    expect(otel.results.every((r) => r.code === 0)).toBe(true);
    const m = await metrics(environment);
    expect(m).toMatchObject({ requests: 100, failed: 4, error_rate: 4 });
    expect(Math.abs(m.avg_response_time - 300)).toBeLessThan(1);
  });
});

describe('OTLP traces and metrics from one service', () => {
  it('count its requests once, by the histograms; its spans still give errors; other services’ spans count', async () => {
    const environment = uniqueEnvironment('otlp-both');
    const target = { endpoint, headers: { apikey: telemetryKey }, format: 'json' as const };
    const meter = otelMeter({ ...target, resource: resource(environment) });
    const tracer = otelTracer({ ...target, resource: resource(environment) });
    await meter.send(
      Array.from({ length: 100 }, (_, i) => ({ ms: 80, status: i < 10 ? 500 : 200 })),
    );
    expect(await metrics(environment)).toMatchObject({ requests: 100, failed: 10 });
    // The same requests as server spans, one with an exception: no second count, one error event.
    await tracer.send([
      ...spans(99, { failedPer100: 9, ms: 80 }),
      { ms: 80, status: 500, route: '/checkout', exception: new Error('stock check failed') },
    ]);
    expect(await metrics(environment)).toMatchObject({ requests: 100, failed: 10 });
    const [errors] = await h.db.sql`
      select count(*)::int as n from error_events where environment = ${environment}`;
    expect(errors?.n).toBe(1);
    // A service of the same environment that exports only traces is counted from them.
    const search = otelTracer({
      ...target,
      resource: { ...resource(environment), 'service.name': 'search-api' },
    });
    await search.send(spans(50, { ms: 30, route: '/search' }));
    expect(await metrics(environment)).toMatchObject({ requests: 150, failed: 10 });
    expect(
      [...meter.results, ...tracer.results, ...search.results].every((r) => r.code === 0),
    ).toBe(true);
  });
});

describe('canary analysis from standard resource attributes', () => {
  it('rolls back a production canary whose service.version spans fail, with no label from the app', async () => {
    const stable = uniqueVersion('stable-');
    const logged = await h.api.call(
      'production-monitoring',
      externalDeployment('production', stable),
    );
    expect(logged.status, JSON.stringify(logged.body)).toBe(200);
    const { id, version } = await startedCanary(h.o);
    const key = await createKey({
      name: 'prod-app',
      scope: 'telemetry',
      environment: 'production',
    });
    const send = async (v: string, list: ServerSpan[]) =>
      expect(
        await sendSpans(
          { endpoint, headers: { apikey: key }, resource: resource('production', v) },
          list,
        ),
      ).toEqual([0]);
    await send(stable, spans(600, { failedPer100: 1 }));
    await send(version, spans(100, { failedPer100: 1 }));
    expect(await h.o.status(id)).toMatchObject({ status: 'progressing' });
    await send(version, spans(300, { failedPer100: 20 }));
    expect(await h.o.status(id)).toMatchObject({ status: 'rolled_back' });
    const [evidence] = await h.db.sql`
      select coalesce(sum(requests) filter (where variant = 'canary'), 0)::int as canary,
             coalesce(sum(requests) filter (where variant = 'stable'), 0)::int as stable
        from telemetry_rollups
       where deployment_id = ${id} and scope = 'deployment' and resolution = 'minute'`;
    expect(evidence).toEqual({ canary: 400, stable: 600 });
  });
  it('rolls back a production canary from cumulative request-duration histograms alone', async () => {
    const { id, version } = await startedCanary(h.o);
    const [row] = await h.db.sql`
      select previous_version from deployments where deployment_id = ${id}`;
    const stable = row?.previous_version as string;
    expect(stable).toMatch(/^stable-/);
    const meter = (v: string) =>
      otelMeter({
        endpoint,
        headers: { apikey: telemetryKey },
        format: 'protobuf',
        resource: resource('production', v),
      });
    const requests = (n: number, failedPer100: number) =>
      Array.from({ length: n }, (_, i) => ({
        ms: 80 + (i % 40),
        status: i % 100 < failedPer100 ? 500 : 200,
        route: '/checkout',
      }));
    const stableMeter = meter(stable);
    const canaryMeter = meter(version);
    await stableMeter.send(requests(600, 1));
    await canaryMeter.send(requests(100, 1));
    expect(await h.o.status(id)).toMatchObject({ status: 'progressing' });
    await canaryMeter.send(requests(300, 20));
    expect([...stableMeter.results, ...canaryMeter.results].every((r) => r.code === 0)).toBe(true);
    expect(await h.o.status(id)).toMatchObject({ status: 'rolled_back' });
    const [evidence] = await h.db.sql`
      select coalesce(sum(requests) filter (where variant = 'canary'), 0)::int as canary,
             coalesce(sum(failed) filter (where variant = 'canary'), 0)::int as canary_failed,
             coalesce(sum(requests) filter (where variant = 'stable'), 0)::int as stable
        from telemetry_rollups
       where deployment_id = ${id} and scope = 'deployment' and resolution = 'minute'`;
    expect(evidence).toEqual({ canary: 400, canary_failed: 61, stable: 600 });
  });
});

describe('bad OTLP input', () => {
  it('is refused with a code, and nothing is written', async () => {
    const memory = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes(resource('production')),
      spanProcessors: [new SimpleSpanProcessor(memory)],
    });
    provider.getTracer('t').startSpan('GET', { kind: SpanKind.SERVER }).end();
    const valid = ProtobufTraceSerializer.serializeRequest(memory.getFinishedSpans()) as Uint8Array;
    const errorsKey = await createKey({ name: 'browser', scope: 'errors' });
    const stagingKey = await createKey({
      name: 'staging-app',
      scope: 'telemetry',
      environment: 'staging',
    });
    const bomb = gzipSync(Buffer.alloc(2 * 1024 * 1024));
    const proto = 'application/x-protobuf';
    const cases: Array<[string, () => ReturnType<typeof post>, number, string]> = [
      [
        'truncated protobuf',
        () => post('/v1/traces', proto, valid.slice(0, -3)),
        400,
        'invalid_protobuf',
      ],
      [
        'a lying length',
        () => post('/v1/metrics', proto, new Uint8Array([0x0a, 0xff, 0xff, 0x0f])),
        400,
        'invalid_protobuf',
      ],
      [
        'malformed JSON',
        () => post('/v1/traces', 'application/json', '{"resourceSpans": ['),
        400,
        'invalid_json',
      ],
      [
        'JSON of the wrong shape',
        () => post('/v1/metrics', 'application/json', { resourceMetrics: 'all' }),
        400,
        'validation_failed',
      ],
      [
        'unknown content type',
        () => post('/v1/traces', 'text/plain', 'hello'),
        415,
        'unsupported_media_type',
      ],
      [
        'a gzip bomb',
        () => post('/v1/traces', proto, bomb, { 'content-encoding': 'gzip' }),
        413,
        'payload_too_large',
      ],
      [
        'corrupt gzip',
        () => post('/v1/traces', proto, valid, { 'content-encoding': 'gzip' }),
        400,
        'invalid_encoding',
      ],
      ['no key', () => post('/v1/traces', proto, valid, { apikey: '' }), 401, 'unauthorized'],
      [
        'an errors-only key',
        () => post('/v1/traces', proto, valid, { apikey: errorsKey }),
        403,
        'forbidden',
      ],
      [
        'another environment’s key',
        () => post('/v1/traces', proto, valid, { apikey: stagingKey }),
        403,
        'forbidden',
      ],
    ];
    const before = await rowSnapshot(h.db.sql);
    for (const [what, send, status, code] of cases) {
      const reply = await send();
      expect(reply.status, `${what}: ${reply.text}`).toBe(status);
      expect(reply.json?.error?.code, what).toBe(code);
    }
    expect(await rowSnapshot(h.db.sql)).toEqual(before);
  });
});

async function post(
  path: string,
  contentType: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const raw = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
  const response = await fetch(`${endpoint}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType, apikey: telemetryKey, ...headers },
    body: raw as BodyInit,
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON paths, as jq does
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, text, json };
}
