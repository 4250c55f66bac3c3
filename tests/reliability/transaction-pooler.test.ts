import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool } from '../../shared/sql/client.ts';
import { createSql } from '../../shared/sql/connect.ts';
import { selectTelemetrySettings } from '../../shared/sql/telemetry-settings.ts';
import { type PipeliningProbe, startPipeliningProbe } from '../support/pipelining-probe.ts';
import { envelope } from '../support/sentry.ts';
import { uniqueEnvironment } from '../support/telemetry.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

// Behind hosted Supabase's transaction pooler a statement sent on a connection before the
// statement ahead of it has ended its transaction loses its answers, and its request waits for
// ever with the database idle: the hosted-parity run's Sentry canary test hung at Sentry.flush
// that way (PgBouncer: "got packet '1' from server when not linked"). The probe sees on a plain
// PostgreSQL what a pooler would drop; a function's pool, small and busy, must never cause it.
const CONCURRENT = 40;

let db: TestDatabase;
let probe: PipeliningProbe;
const pools: Pool[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  probe = await startPipeliningProbe(db.url);
});

afterAll(async () => {
  await Promise.all(pools.map((p) => p.end({ timeout: 5 })));
  await probe?.close();
});

/** Requests shaped like a telemetry ingest: a read without parameters, one with, a transaction. */
async function ingestShaped(sql: Pool) {
  return Promise.all(
    Array.from({ length: CONCURRENT }, async (_, i) => {
      const settings = await selectTelemetrySettings(sql);
      const [row] = await sql<{ n: number }[]>`select ${i}::int as n`;
      return sql.begin(async (tx) => {
        const inside = await selectTelemetrySettings(tx);
        const [a, b] = await Promise.all([tx`select ${i}::int as n`, tx`select 1 as one`]);
        return [settings.max_clock_skew_seconds, row?.n, inside.raw_samples, a[0]?.n, b[0]?.one];
      });
    }),
  );
}

describe('a function pool behind a transaction pooler', () => {
  it('the probe sees what a pooler drops: postgres.js pipelining past a transaction’s end', async () => {
    const plain = postgres(probe.url, { max: 2, prepare: false, onnotice: () => {} });
    pools.push(plain);
    const before = probe.pastTransactionEnd();
    await ingestShaped(plain);
    expect(probe.pastTransactionEnd()).toBeGreaterThan(before);
  });

  it('createSql never sends a statement past the end of a transaction, and transactions still work', async () => {
    const sql = createSql(probe.url, { max: 2 });
    pools.push(sql);
    const before = probe.pastTransactionEnd();
    const results = await ingestShaped(sql);
    expect(results).toEqual(Array.from({ length: CONCURRENT }, (_, i) => [300, i, 'off', i, 1]));
    expect(probe.pastTransactionEnd()).toBe(before);
  });

  it('concurrent Sentry envelopes and OTLP batches on a pool of 2: all answered, nothing past a transaction’s end', async () => {
    const sql = createSql(probe.url, { max: 2 });
    pools.push(sql);
    const api: TestApi = await startTestApi({ url: probe.url, sql });
    const keyReply = await api.call('deploy-orchestrator', {
      action: 'create_ingest_key',
      name: 'pooler-probe',
      scope: 'telemetry',
    });
    expect(keyReply.status, JSON.stringify(keyReply.body)).toBe(200);
    const key = keyReply.body.result.key as string;
    const environment = uniqueEnvironment('pooler');
    const before = probe.pastTransactionEnd();
    const functions = `${api.url}/functions/v1`;
    const sentry = (i: number) =>
      fetch(`${functions}/error-tracking/api/1/envelope/?sentry_key=${key}&sentry_version=7`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-sentry-envelope' },
        body: envelope({ event_id: i.toString(16).padStart(32, '0') }, [
          [
            { type: 'event' },
            JSON.stringify({ message: `payment timed out ${i}`, level: 'fatal', environment }),
          ],
        ]),
      });
    const now = BigInt(Date.now()) * 1_000_000n;
    const otlp = (i: number) =>
      fetch(`${functions}/production-monitoring/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', apikey: key },
        body: JSON.stringify({
          resourceSpans: [
            {
              resource: {
                attributes: [
                  { key: 'deployment.environment.name', value: { stringValue: environment } },
                ],
              },
              scopeSpans: [
                {
                  spans: [
                    {
                      traceId: i.toString(16).padStart(32, '0'),
                      spanId: i.toString(16).padStart(16, '0'),
                      name: 'GET /checkout',
                      kind: 2,
                      startTimeUnixNano: String(now - 5_000_000n),
                      endTimeUnixNano: String(now),
                      attributes: [{ key: 'http.response.status_code', value: { intValue: 200 } }],
                    },
                  ],
                },
              ],
            },
          ],
        }),
      });
    const replies = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) => (i % 2 ? otlp(i) : sentry(i))),
    );
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
    const [stored] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from error_events where environment = ${environment}`;
    expect(stored?.n).toBe(CONCURRENT / 2);
    expect(probe.pastTransactionEnd()).toBe(before);
  });
});
