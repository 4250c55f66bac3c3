import { gzipSync } from 'node:zlib';
import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, setUp } from '../support/harness.ts';
import { startedCanary, traffic } from '../support/orchestrator.ts';
import { rowSnapshot } from '../support/row-snapshot.ts';
import { captureAll, envelope, initSentry, rollgateDsn } from '../support/sentry.ts';
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
    const { sent } = initSentry({
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
});
