import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactQueryText } from '../../shared/sql/query-text.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { userToken } from '../support/tokens.ts';

// Issue 12, finding 4: long_running_queries and query_outliers returned statement texts with
// their literals (a secret key, an e-mail) to any signed-in user.
let db: TestDatabase;
let api: TestApi;
let other: postgres.Sql;
const SECRET = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
const EMAIL = 'alice.secret@example.com';

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db);
  other = postgres(db.url, { max: 1, onnotice: () => {} });
});
afterAll(() => other.end({ timeout: 5 }));

const call = (action: string, body: Record<string, unknown> = {}, token?: string) =>
  api.call('database-scalability', { action, ...body }, token ? { token } : {});

describe('statement texts', () => {
  it('are not served to an ordinary signed-in user', async () => {
    const user = await userToken();
    expect((await call('long_running_queries', {}, user)).status).toBe(403);
    expect((await call('query_outliers', {}, user)).status).toBe(403);
  });

  it('come back from pg_stat_activity without their literals', async () => {
    const [{ pid } = { pid: 0 }] = await other<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const running = other
      .unsafe(
        `select pg_sleep(30), '${SECRET}' as key, '${EMAIL}' as email, 4111111111111111 as card`,
      )
      .catch(() => 'cancelled');
    for (let i = 0; i < 100; i++) {
      const [row] = await db.sql`select count(*)::int as n from pg_stat_activity
        where pid = ${pid} and state = 'active' and now() - query_start > interval '300 ms'`;
      if (row?.n === 1) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const reply = await call('long_running_queries', { min_seconds: 0.3 });
    await db.sql`select pg_cancel_backend(${pid})`;
    await running;
    const text = JSON.stringify(reply.body);
    expect(reply.status).toBe(200);
    expect(reply.body.result.details.queries).toHaveLength(1);
    expect(reply.body.result.details.queries[0].query).toBe(
      'select pg_sleep(?), ? as key, ? as email, ? as card',
    );
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(EMAIL);
    expect(text).not.toContain('4111111111111111');
  });

  it('come back from pg_stat_statements without the literals it keeps (utility statements)', async () => {
    await other.unsafe(`do $$ begin perform pg_sleep(0.4); perform '${SECRET}'; end $$`);
    await other.unsafe(`set application_name = '${EMAIL}'`);
    const reply = await call('query_outliers');
    expect(reply.status).toBe(200);
    const texts: string[] = reply.body.result.details.top.map((q: { query: string }) => q.query);
    expect(texts).toContain('do ?');
    const text = JSON.stringify(reply.body);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(EMAIL);
  });
});

describe('redactQueryText', () => {
  it.each([
    [
      "select * from t where email = 'a@b.co' and n = 42",
      'select * from t where email = ? and n = ?',
    ],
    ['select $1, x2 from "My Tab" where y = 1.5e-3', 'select $1, x2 from "My Tab" where y = ?'],
    ["select E'it\\'s', U&'d\\0061t', $tag$ secret $tag$, $$x$$", 'select ?, ?, ?, ?'],
    ['select 1 -- bob@example.com\n', 'select ? -- …\n'],
    ['select 2 /* 4111 1111 1111 1111 */', 'select ? /* … */'],
    ["alter role app password 'hunter2' -- cut", 'alter role app password ? -- …'],
    ["select 'unterminated sk_live_", 'select ?'],
    ['select a from t where note = bob@example.com', 'select a from t where note = ?'],
  ])('%s', (input, expected) => {
    expect(redactQueryText(input)).toBe(expected);
  });
});
