import { deflateSync, gzipSync } from 'node:zlib';
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsPreflight } from '../support/cors.ts';
import { type Harness, setUp } from '../support/harness.ts';
import { clearProduction, startedCanary, traffic } from '../support/orchestrator.ts';
import { rowSnapshot } from '../support/row-snapshot.ts';
import {
  captureAll,
  captureLarge,
  envelope,
  initSentry,
  rollgateDsn,
  sentGzipped,
} from '../support/sentry.ts';
import { recordRequests, uniqueEnvironment } from '../support/telemetry.ts';

// Issue 14, item 1: an unmodified Sentry SDK whose DSN points at Rollgate drives error tracking
// and canary evidence, with no other code in the app.
let h: Harness;
let telemetryKey: string;
let functionsUrl: string;

async function createKey(name: string, scope: 'telemetry' | 'errors', environment?: string) {
  const reply = await h.api.call('deploy-orchestrator', {
    action: 'create_ingest_key',
    name,
    scope,
    ...(environment ? { environment } : {}),
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.result.key as string;
}

const eventsOf = (environment: string) => h.db.sql`
  select e.error_message, e.component, e.severity, e.release, e.environment, e.stack,
         e.metadata, e.deployment_id, e.variant, e.fingerprint, e.issue_id::float8 as issue_id,
         i.title, i.event_count::int as event_count
    from error_events e join error_issues i on i.id = e.issue_id
   where e.environment = ${environment} order by e.occurred_at, e.error_message`;

beforeAll(async () => {
  h = await setUp();
  functionsUrl = `${h.api.url}/functions/v1`;
  telemetryKey = await createKey('api-server', 'telemetry');
});

afterAll(() => Sentry.close(2000));

describe('Sentry SDK → error-tracking', () => {
  it('a captured exception becomes an issue with its message, stack, release, level and tags', async () => {
    expect(telemetryKey).toMatch(/^rg_ingest_[A-Za-z0-9]{32}$/);
    const environment = uniqueEnvironment('sentry');
    const { sent } = await initSentry({
      dsn: rollgateDsn(functionsUrl, telemetryKey),
      release: 'shop@2.4.1',
      environment,
    });
    Sentry.setTag('component', 'checkout');
    Sentry.setTag('region', 'eu-west-1');
    const err = new TypeError('card declined for order 1234');
    Sentry.captureException(err);
    Sentry.captureException(new RangeError('quota exhausted for tenant 7'), { level: 'fatal' });
    expect(await Sentry.flush(10_000)).toBe(true);
    expect(sent.some((r) => r.path.includes('/error-tracking/api/1/envelope/'))).toBe(true);

    const rows = await eventsOf(environment);
    expect(rows).toHaveLength(2);
    const typeError = rows.find((r) => r.error_message.startsWith('TypeError'));
    expect(typeError).toMatchObject({
      error_message: 'TypeError: card declined for order 1234',
      component: 'checkout',
      severity: 'error',
      release: 'shop@2.4.1',
      title: 'TypeError: card declined for order 1234',
    });
    expect(typeError?.stack).toMatch(
      /^TypeError: card declined for order 1234\n {4}at .*sentry-ingest\.test\.ts:\d+:\d+/,
    );
    expect(typeError?.metadata).toMatchObject({
      tags: { component: 'checkout', region: 'eu-west-1' },
      sentry: { platform: 'node', sdk: expect.stringMatching(/^sentry\.javascript\.node\//) },
      contexts: { runtime: { name: 'node' } },
    });
    expect(rows.find((r) => r.error_message.startsWith('RangeError'))?.severity).toBe('fatal');

    // The same exception through track_error lands in the same issue.
    const tracked = await h.api.call('error-tracking', {
      action: 'track_error',
      error_message: `${err.name}: ${err.message}`,
      component: 'checkout',
      severity: 'error',
      stack: err.stack,
      environment,
    });
    expect(tracked.status, JSON.stringify(tracked.body)).toBe(200);
    expect(tracked.body.result.issue_id).toBe(typeError?.issue_id);
    expect(tracked.body.result.new_issue).toBe(false);
  });

  it('takes a large event gzip-compressed, as the SDK sends it over 32 KiB', async () => {
    const environment = uniqueEnvironment('sentry-gzip');
    const { sent } = await initSentry({
      dsn: rollgateDsn(functionsUrl, telemetryKey),
      release: 'shop@2.4.2',
      environment,
    });
    expect(await captureLarge(new Error('inventory sync failed'))).toBe(true);
    expect(sentGzipped(sent)).toBe(true);
    const rows = await eventsOf(environment);
    expect(rows.map((r) => r.error_message)).toEqual(['Error: inventory sync failed']);
  });

  it('takes an envelope posted by hand, gzip or not, with items of every kind, and the store endpoint', async () => {
    const environment = uniqueEnvironment('sentry-raw');
    const event = (id: string, message: string) =>
      JSON.stringify({
        event_id: id,
        level: 'warning',
        release: 'shop@3.0.0',
        environment,
        logger: 'billing',
        exception: { values: [{ type: 'Error', value: message }] },
        timestamp: Date.now() / 1000,
      });
    const body = (id: string, message: string) => {
      const payload = event(id, message);
      return envelope({ event_id: id, sent_at: new Date().toISOString() }, [
        [{ type: 'session' }, JSON.stringify({ sid: 'a', status: 'ok' })],
        [{ type: 'event', length: Buffer.byteLength(payload) }, payload],
        [{ type: 'attachment', length: 3, filename: 'a.bin' }, 'a\nb'],
        [{ type: 'client_report' }, '{"discarded_events":[]}'],
      ]);
    };
    const url = `${functionsUrl}/error-tracking/api/42/envelope/?sentry_key=${telemetryKey}&sentry_version=7`;
    const plain = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-sentry-envelope' },
      body: body('a'.repeat(32), 'ledger locked – naïve retry'),
    });
    expect(plain.status, await plain.clone().text()).toBe(200);
    expect(await plain.json()).toEqual({ id: 'a'.repeat(32) });
    const zipped = await fetch(url, {
      method: 'POST',
      headers: { 'content-encoding': 'gzip' },
      body: gzipSync(body('b'.repeat(32), 'ledger full')),
    });
    expect(zipped.status, await zipped.clone().text()).toBe(200);
    const deflated = await fetch(url, {
      method: 'POST',
      headers: { 'content-encoding': 'deflate' },
      body: deflateSync(body('e'.repeat(32), 'ledger squeezed')),
    });
    expect(deflated.status, await deflated.clone().text()).toBe(200);
    const store = await fetch(`${functionsUrl}/error-tracking/api/42/store/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-sentry-auth': `Sentry sentry_version=7, sentry_client=raven-js/3.27.0, sentry_key=${telemetryKey}`,
      },
      body: event('c'.repeat(32), 'ledger gone'),
    });
    expect(store.status, await store.clone().text()).toBe(200);
    expect(await store.json()).toEqual({ id: 'c'.repeat(32) });

    const rows = await eventsOf(environment);
    expect(rows.map((r) => [r.error_message, r.component, r.severity])).toEqual([
      ['Error: ledger locked – naïve retry', 'billing', 'warning'],
      ['Error: ledger full', 'billing', 'warning'],
      ['Error: ledger squeezed', 'billing', 'warning'],
      ['Error: ledger gone', 'billing', 'warning'],
    ]);
  });

  it('a production canary whose version is the release is rolled back by fatal events from a telemetry key, not from an errors key', async () => {
    const { id, version } = await startedCanary(h.o);
    await recordRequests(h.api, [
      ...traffic(id, 'stable', 300, { errorsPer100: 1 }),
      ...traffic(id, 'canary', 100, { errorsPer100: 1 }),
    ]);
    const errors = () =>
      Array.from({ length: 60 }, (_, i) => new Error(`payment provider timed out after ${i} ms`));
    const browserKey = await createKey('shop-browser', 'errors');
    await initSentry({
      dsn: rollgateDsn(functionsUrl, browserKey),
      release: version,
      environment: 'production',
    });
    await captureAll(errors(), 'fatal');
    const [fromBrowser] = await h.db.sql`
      select count(*)::int as n, min(deployment_id) as deployment_id, min(variant) as variant
        from error_events where release = ${version}`;
    // Stored, grouped and attributed to the canary, but not its evidence.
    expect(fromBrowser).toEqual({ n: 60, deployment_id: id, variant: 'canary' });
    expect(await h.o.status(id)).toMatchObject({ status: 'progressing' });

    await initSentry({
      dsn: rollgateDsn(functionsUrl, telemetryKey),
      release: version,
      environment: 'production',
    });
    await captureAll(errors(), 'fatal');
    expect(await h.o.status(id)).toMatchObject({ status: 'rolled_back' });
  });
});

describe('Sentry events from before their deployment started', () => {
  // The configured max_clock_skew_seconds decides both where an event counts and whether its
  // label is accepted: with a 30 s skew, a canary-release event from two minutes before the
  // canary started is the environment's, stored, not refused as before_deployment.
  it('are the environment’s beyond the configured clock skew, not refused', async () => {
    const set = (seconds: number) =>
      h.api.call('production-monitoring', {
        action: 'set_telemetry_settings',
        max_clock_skew_seconds: seconds,
      });
    expect((await set(30)).status).toBe(200);
    try {
      const { id, version } = await startedCanary(h.o);
      const started = Date.parse((await h.o.status(id))?.started_at as string);
      const event = (eventId: string, at: number) =>
        JSON.stringify({
          event_id: eventId,
          level: 'error',
          release: version,
          environment: 'production',
          exception: { values: [{ type: 'Error', value: `skewed ${eventId.slice(0, 1)}` }] },
          timestamp: at / 1000,
        });
      const post = (eventId: string, at: number) => {
        const payload = event(eventId, at);
        return fetch(
          `${functionsUrl}/error-tracking/api/1/envelope/?sentry_key=${telemetryKey}&sentry_version=7`,
          {
            method: 'POST',
            body: envelope({ event_id: eventId }, [[{ type: 'event' }, payload]]),
          },
        );
      };
      const early = await post('d'.repeat(32), started - 120_000);
      expect(early.status, await early.clone().text()).toBe(200);
      const late = await post('f'.repeat(32), started + 1000);
      expect(late.status, await late.clone().text()).toBe(200);
      const rows = await h.db.sql`
        select error_message, deployment_id, variant from error_events
         where release = ${version} order by occurred_at`;
      expect(rows).toEqual([
        { error_message: 'Error: skewed d', deployment_id: '', variant: '' },
        { error_message: 'Error: skewed f', deployment_id: id, variant: 'canary' },
      ]);
    } finally {
      await clearProduction(h.o);
      expect((await set(300)).status).toBe(200);
    }
  });
});

describe('Sentry ingest refuses bad input with a 4xx and writes nothing', () => {
  const post = (path: string, init: RequestInit) =>
    fetch(`${functionsUrl}/error-tracking${path}`, { method: 'POST', ...init });
  const withKey = (key: string) => `/api/1/envelope/?sentry_key=${key}&sentry_version=7`;
  const good = envelope({ event_id: 'd'.repeat(32) }, [
    [{ type: 'event' }, JSON.stringify({ message: 'fine', environment: 'production' })],
  ]);

  it('malformed envelopes, bad JSON, unknown content types and encodings, oversized and zip-bomb bodies, unknown or revoked keys, another environment', async () => {
    const revoked = await createKey('revoked-dsn', 'telemetry');
    await h.api.call('deploy-orchestrator', { action: 'revoke_ingest_key', name: 'revoked-dsn' });
    const stagingOnly = await createKey('staging-only', 'telemetry', 'staging');
    const key = withKey(telemetryKey);
    const cases: Array<[string, string, RequestInit, number, string]> = [
      ['empty body', key, { body: '' }, 400, 'invalid_envelope'],
      ['header not JSON', key, { body: 'nonsense\n{"type":"event"}\n{}' }, 400, 'invalid_envelope'],
      ['item without type', key, { body: '{}\n{"length":2}\n{}' }, 400, 'invalid_envelope'],
      [
        'length past the end',
        key,
        { body: '{}\n{"type":"event","length":99}\n{}' },
        400,
        'invalid_envelope',
      ],
      ['event not JSON', key, { body: '{}\n{"type":"event"}\n{not json' }, 400, 'invalid_json'],
      ['event not an object', key, { body: '{}\n{"type":"event"}\n[1]' }, 400, 'invalid_request'],
      [
        'store body not JSON',
        `/api/1/store/?sentry_key=${telemetryKey}`,
        { body: '{' },
        400,
        'invalid_json',
      ],
      [
        'content type',
        key,
        { body: good, headers: { 'content-type': 'application/xml' } },
        415,
        'unsupported_media_type',
      ],
      [
        'content encoding',
        key,
        { body: good, headers: { 'content-encoding': 'br' } },
        415,
        'unsupported_encoding',
      ],
      [
        'content encoding named like a property',
        key,
        { body: good, headers: { 'content-encoding': 'toString' } },
        415,
        'unsupported_encoding',
      ],
      [
        'corrupt gzip',
        key,
        { body: 'not gzip at all', headers: { 'content-encoding': 'gzip' } },
        400,
        'invalid_encoding',
      ],
      [
        'oversized',
        key,
        { body: `{}\n{"type":"event"}\n"${'x'.repeat(1_100_000)}"` },
        413,
        'payload_too_large',
      ],
      [
        'zip bomb',
        key,
        { body: gzipSync(Buffer.alloc(64 * 1024 * 1024)), headers: { 'content-encoding': 'gzip' } },
        413,
        'payload_too_large',
      ],
      ['no key', '/api/1/envelope/', { body: good }, 401, 'unauthorized'],
      [
        'unknown key',
        withKey('rg_ingest_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
        { body: good },
        401,
        'unauthorized',
      ],
      ['a JWT as key', withKey(h.api.serviceKey), { body: good }, 401, 'unauthorized'],
      ['revoked key', withKey(revoked), { body: good }, 401, 'unauthorized'],
      ['another environment', withKey(stagingOnly), { body: good }, 403, 'forbidden'],
      [
        'project id not digits',
        `/api/shop/envelope/?sentry_key=${telemetryKey}`,
        { body: good },
        404,
        'not_found',
      ],
    ];
    const before = await rowSnapshot(h.db.sql);
    for (const [what, path, init, status, code] of cases) {
      const reply = await post(path, init);
      const body = await reply.json();
      expect([reply.status, body.ok, body.error?.code], `${what}: ${JSON.stringify(body)}`).toEqual(
        [status, false, code],
      );
    }
    expect(await rowSnapshot(h.db.sql)).toEqual(before);
  });

  it('answers browsers’ CORS preflight and posts', async () => {
    const preflight = await corsPreflight(
      `${functionsUrl}/error-tracking${withKey(telemetryKey)}`,
      'https://shop.example',
      'content-type, x-sentry-auth',
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-sentry-auth');
    const sent = await post(withKey(telemetryKey), {
      headers: { origin: 'https://shop.example', 'content-type': 'text/plain;charset=UTF-8' },
      body: good,
    });
    expect(sent.status).toBe(200);
    expect(sent.headers.get('access-control-allow-origin')).toBe('*');
  });
});
