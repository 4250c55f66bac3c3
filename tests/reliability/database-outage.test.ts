import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSql } from '../../shared/sql/connect.ts';
import { installSupabaseCompat } from '../../stack/bootstrap.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../stack/embedded-postgres.ts';
import { applyMigrations } from '../../stack/migrate.ts';
import { freePort, tempDataDir, waitFor } from '../support/stack-process.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import type { TestDatabase } from '../support/test-database.ts';

/** Load before, during and after a PostgreSQL outage, in milliseconds. */
const BEFORE_MS = 1500;
const OUTAGE_MS = 4000;
/** The driver reconnects with backoff: how long recovery may take once PostgreSQL is back. */
const RECOVERY_LIMIT_MS = 15_000;
const CLIENTS = 4;
const BATCH = 20;

const dataDir = tempDataDir();
let port: number;
let pg: EmbeddedPostgres;
let db: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  // A cluster of its own: the test stops it, which the shared test server must never be.
  port = await freePort();
  pg = await startEmbeddedPostgres({ dataDir, port, extraSettings: { fsync: 'off' } });
  await installSupabaseCompat(pg.url);
  await applyMigrations(pg.url);
  db = { url: pg.url, sql: createSql(pg.url, { max: 10 }) };
  api = await startTestApi(db);
});

afterAll(async () => {
  await db?.sql.end({ timeout: 1 }).catch(() => {});
  await pg?.stop().catch(() => {});
});

interface Outcome {
  batch: number;
  status: number;
  code: string | null;
  at: number;
  ms: number;
}

describe('PostgreSQL stopped under load', () => {
  it('answers 503 database_unavailable meanwhile, recovers without a restart, and loses no acknowledged sample', async () => {
    const outcomes: Outcome[] = [];
    let next = 0;
    let running = true;
    const client = async () => {
      while (running) {
        const batch = next++;
        const sent = Date.now();
        const reply = await api.call('production-monitoring', {
          action: 'record_requests',
          requests: Array.from({ length: BATCH }, (_, i) => ({
            duration_ms: 50 + i,
            status: 200,
            route: `/batch/${batch}`,
            environment: 'outage',
          })),
        });
        const at = Date.now();
        outcomes.push({
          batch,
          status: reply.status,
          code: reply.body?.error?.code ?? null,
          at,
          ms: at - sent,
        });
        if (reply.status !== 200) await new Promise((r) => setTimeout(r, 50));
      }
    };
    const clients = Array.from({ length: CLIENTS }, client);

    await new Promise((r) => setTimeout(r, BEFORE_MS));
    await pg.stop();
    const stoppedAt = outcomes.length;
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    pg = await startEmbeddedPostgres({ dataDir, port, extraSettings: { fsync: 'off' } });
    const restarted = Date.now();
    const restartedAt = outcomes.length;
    const servedAgain = () => outcomes.slice(restartedAt).filter((o) => o.status === 200);
    await waitFor(() => servedAgain().length >= 20, RECOVERY_LIMIT_MS, 'the API to serve again');
    running = false;
    await Promise.all(clients);

    const refused = outcomes.filter((o) => o.status !== 200);
    // Every refusal is the documented 503, never a 500 and never a hang.
    expect(new Set(refused.map((o) => `${o.status} ${o.code}`))).toEqual(
      new Set(['503 database_unavailable']),
    );
    expect(outcomes.slice(stoppedAt, restartedAt).some((o) => o.status === 503)).toBe(true);
    const slowest503 = Math.max(...refused.map((o) => o.ms));
    expect(slowest503).toBeLessThan(5_000);
    // The same API process, its pool reconnected by itself, serves again.
    const recoveredMs = (servedAgain()[0]?.at ?? Number.NaN) - restarted;
    expect(recoveredMs).toBeLessThan(5_000);

    const acknowledged = outcomes.filter((o) => o.status === 200).map((o) => o.batch);
    const stored = await db.sql<{ route: string; n: number }[]>`
      select route, sum(requests)::int as n from telemetry_rollups
       where environment = 'outage' and scope = 'route' and resolution = 'minute'
       group by route`;
    const storedBatches = new Map(stored.map((r) => [r.route, r.n]));
    const missing = acknowledged.filter((b) => storedBatches.get(`/batch/${b}`) !== BATCH);
    expect(missing).toEqual([]);
    console.log(
      `database outage: ${outcomes.length} batches (${acknowledged.length * BATCH} samples acknowledged), ` +
        `${refused.length} answered 503 (slowest ${slowest503} ms) during a ${OUTAGE_MS / 1000} s stop, ` +
        `serving again ${recoveredMs} ms after the restart, ${missing.length} acknowledged batches lost`,
    );
  }, 60_000);
});
