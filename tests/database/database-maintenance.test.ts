import { beforeAll, describe, expect, it } from 'vitest';
import type { BloatResult } from '../../shared/checks/bloat.ts';
import type { QueryOutliersResult } from '../../shared/checks/query-outliers.ts';
import { checkResult } from '../support/check-result.ts';
import { harnessForFile } from '../support/harness.ts';
import { functionActions } from '../support/test-api.ts';
import { operatorToken } from '../support/tokens.ts';

const h = harnessForFile();
let token: string;

const check = (action: string) => h.api.call('database-scalability', { action }, { token });
// Statement texts are service_role only (issue 12, finding 4).
const checkAsService = functionActions(h, 'database-scalability');

beforeAll(async () => {
  token = await operatorToken(['viewer']);
});

/** Statistics reach the views asynchronously; force this session's counters out now. */
async function flushStats() {
  await h.db.sql.begin(async (tx) => {
    await tx`select pg_stat_force_next_flush()`;
  });
}

describe('bloat and vacuum_health', () => {
  it('report a table whose rows are mostly dead, and clear once it is vacuumed', async () => {
    await h.db.sql`create table churn (id int)`;
    await h.db.sql`alter table churn set (autovacuum_enabled = false)`;
    await h.db.sql.begin(async (tx) => {
      await tx`insert into churn select generate_series(1, 5000)`;
      await tx`delete from churn where id > 1000`;
      await tx`select pg_stat_force_next_flush()`;
    });
    await flushStats();

    const bloat = await check('bloat');
    expect(bloat.body.result).toEqual(
      checkResult<BloatResult>('fail', 80, 20, {
        method: 'dead_tuples',
        tables: [
          {
            schemaname: 'public',
            table_name: 'churn',
            live_tuples: 1000,
            dead_tuples: 4000,
            dead_percent: 80,
          },
        ],
      }),
    );
    const vacuum = await check('vacuum_health');
    expect(vacuum.body.result.status).toBe('warn');
    expect(vacuum.body.result.details.tables_behind).toEqual([
      expect.objectContaining({ table_name: 'churn', dead_tuples: 4000 }),
    ]);
    expect(vacuum.body.result.details.wraparound_limit).toBe(2 ** 31);

    await h.db.sql`vacuum churn`;
    expect((await check('bloat')).body.result).toMatchObject({ status: 'pass', value: 0 });
    expect((await check('vacuum_health')).body.result.details.tables_behind).toEqual([]);
  });
});

describe('connections', () => {
  it('reports client connections against max_connections in percent', async () => {
    const [settings] = await h.db.sql<{ max: number }[]>`
      select current_setting('max_connections')::int as max`;
    const reply = await check('connections');
    const { used, max_connections } = reply.body.result.details;
    expect(max_connections).toBe(settings?.max);
    expect(used).toBeGreaterThanOrEqual(1);
    expect(reply.body.result.value).toBe(Math.round((10000 * used) / max_connections) / 100);
    expect(reply.body.result.threshold).toBe(80);
  });
});

describe('cache_hit_ratio', () => {
  it('reports the worse of the table and index hit ratios', async () => {
    // One session reads and flushes its own counters: the pool's statements and transactions run
    // on different connections (shared/sql/transaction-pooler.ts).
    const session = await h.db.sql.reserve();
    try {
      await session`create table warm (id int primary key)`;
      await session`insert into warm select generate_series(1, 100)`;
      for (let i = 0; i < 20; i++) await session`select * from warm where id = ${i + 1}`;
      await session`select pg_stat_force_next_flush()`;
    } finally {
      session.release();
    }
    const { result } = (await check('cache_hit_ratio')).body;
    expect(result.threshold).toBe(99);
    expect(result.value).toBe(
      Math.min(result.details.table_hit_percent, result.details.index_hit_percent),
    );
    expect(result.details.blocks.index_hits).toBeGreaterThan(0);
  });
});

describe('query_outliers', () => {
  it('reads pg_stat_statements where the extension exists, and says unavailable where not', async () => {
    await h.db.sql`select 42 as query_outliers_probe`;
    const present = (await checkAsService('query_outliers')).body.result;
    expect(present.details.available).toBe(true);
    expect(present.status).toBe('pass');
    expect(present.details.top.length).toBeGreaterThan(0);

    await h.db.sql`drop extension if exists pg_stat_statements`;
    const reply = await checkAsService('query_outliers');
    expect(reply.status).toBe(200);
    expect(reply.body.result).toEqual(
      checkResult<QueryOutliersResult>('pass', null, 500, {
        available: false,
        reason: 'the pg_stat_statements extension is not created',
      }),
    );
  });
});
