import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS_CHANNEL } from '../../stack/cron-relay.ts';
import { startQueue } from '../../stack/queue.ts';
import { silentLogger } from '../../supabase/functions/_shared/log.ts';
import { waitFor } from '../support/stack-process.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let db: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db);
  const queue = await startQueue(
    db.url,
    {
      sql: db.sql,
      supabaseUrl: api.url,
      webhookSecret: 'unused',
      slack: { default: undefined, emergency: undefined },
    },
    silentLogger,
  );
  afterAll(() => queue.stop());
  // As the stack does when cron.job has `rollgate-run-monitoring`: pg_cron alone schedules it.
  await queue.boss.unschedule('run-monitoring');
});

describe('a periodic job announced by pg_cron', () => {
  it('is run by the stack’s queue worker, like its pg-boss schedule', async () => {
    const probes = async () =>
      (await db.sql<{ n: number }[]>`select count(*)::int as n from monitoring_probes`)[0]?.n ?? 0;
    expect(await probes()).toBe(0);
    // What the cron command of migration 20261125008003 runs every minute.
    await db.sql`select pg_notify(${JOBS_CHANNEL}, 'run-monitoring')`;
    await waitFor(async () => (await probes()) === 5, 15_000, 'one probe of each function');
    await new Promise((r) => setTimeout(r, 500));
    expect(await probes()).toBe(5);
  });
});
