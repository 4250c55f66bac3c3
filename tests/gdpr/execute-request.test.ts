import { beforeAll, describe, expect, it } from 'vitest';
import { harnessForFile } from '../support/harness.ts';
import { functionActions } from '../support/test-api.ts';
import { ALICE, BOB, installApp, verifiedRequest } from './fixtures.ts';

const h = harnessForFile();
const gdpr = functionActions(h, 'gdpr-compliance');

/** Every row of the app's tables, to compare before and after. */
async function snapshot() {
  const [users, orders, sessions, products] = await Promise.all([
    h.db.sql`select * from app_users order by id`,
    h.db.sql`select * from app_orders order by id`,
    h.db.sql`select * from app_sessions order by token`,
    h.db.sql`select * from app_products order by id`,
  ]);
  return {
    users: [...users],
    orders: [...orders],
    sessions: [...sessions],
    products: [...products],
  };
}

beforeAll(async () => {
  await installApp(h);
});

describe('access and portability', () => {
  it('exports every mapped row of the subject as JSON and CSV, and logs what it read', async () => {
    const id = await verifiedRequest(h.api, 'access', ALICE);
    const reply = await gdpr('execute_request', { request_id: id });
    expect(reply.status).toBe(200);
    const { export: data, touched, request } = reply.body.result;

    const expected = await h.db.sql<{ t: string; rows: unknown[] }[]>`
      select 'public.app_orders' as t, jsonb_agg(to_jsonb(o) order by o.id) as rows
        from app_orders o where user_id = ${ALICE}
      union all
      select 'public.app_sessions', jsonb_agg(to_jsonb(s) order by s.token)
        from app_sessions s where user_id = ${ALICE}
      union all
      select 'public.app_users', jsonb_agg(to_jsonb(u)) from app_users u where id = ${ALICE}`;
    expect(Object.keys(data.tables)).toEqual([
      'public.app_orders',
      'public.app_sessions',
      'public.app_users',
    ]);
    for (const { t, rows } of expected) {
      expect(data.tables[t]).toEqual(expect.arrayContaining(rows));
      expect(data.tables[t]).toHaveLength(rows.length);
    }
    expect(data.tables['public.app_orders']).toHaveLength(2);
    expect(data.tables['public.app_sessions']).toHaveLength(3);
    expect(data.csv['public.app_users']).toBe(
      'id,email,name,created_at\r\n' +
        `${ALICE},alice@example.com,Alice,2026-01-02T03:04:05+00:00\r\n`,
    );
    expect(touched).toEqual([
      { table_name: 'public.app_orders', operation: 'exported', row_count: 2 },
      { table_name: 'public.app_sessions', operation: 'exported', row_count: 3 },
      { table_name: 'public.app_users', operation: 'exported', row_count: 1 },
    ]);
    expect(request).toMatchObject({ status: 'completed', overdue: false, answered_on_time: true });
    const log = await h.db.sql`
      select table_name, operation, row_count from gdpr_request_log where request_id = ${id} order by table_name`;
    expect(log.map((r) => ({ ...r }))).toEqual(touched);
  });

  it('limits portability to data processed on consent or contract (Art. 20)', async () => {
    const id = await verifiedRequest(h.api, 'portability', BOB);
    const reply = await gdpr('execute_request', { request_id: id });
    expect(Object.keys(reply.body.result.export.tables)).toEqual(['public.app_users']);
    expect(reply.body.result.export.tables['public.app_users'][0].email).toBe('bob@example.com');
  });
});

describe('erasure', () => {
  it('is refused while the subject is under a legal hold, changing nothing', async () => {
    const id = await verifiedRequest(h.api, 'erasure', ALICE);
    expect(
      (await gdpr('place_legal_hold', { subject_id: ALICE, reason: 'litigation 2026-17' })).status,
    ).toBe(200);
    const before = await snapshot();
    const refused = await gdpr('execute_request', { request_id: id });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('legal_hold');
    expect(await snapshot()).toEqual(before);
    const [request] = await h.db.sql`select status from gdpr_requests where id = ${id}`;
    expect(request?.status).toBe('verified');
    expect(
      (await gdpr('release_legal_hold', { subject_id: ALICE, reason: 'settled' })).status,
    ).toBe(200);
  });

  it('removes exactly the subject’s rows, anonymises the orders kept, and touches nothing else', async () => {
    const before = await snapshot();
    const [id] = (
      await h.db.sql`select id from gdpr_requests where type = 'erasure' and subject_id = ${ALICE}`
    ).map((r) => r.id);
    const reply = await gdpr('execute_request', { request_id: id });
    expect(reply.status).toBe(200);
    // Orders reference users: they are anonymised first, then the users deleted.
    expect(reply.body.result.erasure.tables).toEqual([
      { table: 'public.app_orders', operation: 'anonymised', rows: 2 },
      { table: 'public.app_sessions', operation: 'deleted', rows: 3 },
      { table: 'public.app_users', operation: 'deleted', rows: 1 },
    ]);

    const after = await snapshot();
    expect(after.users).toEqual(before.users.filter((u) => u.id !== ALICE));
    expect(after.sessions).toEqual(before.sessions.filter((s) => s.user_id !== ALICE));
    expect(after.products).toEqual(before.products);
    expect(after.orders).toEqual(
      before.orders.map((o) =>
        o.user_id === ALICE ? { ...o, user_id: null, shipping_address: null } : o,
      ),
    );
    const log = await h.db.sql`
      select table_name, operation, row_count from gdpr_request_log where request_id = ${id} order by table_name`;
    expect(log.map((r) => [r.table_name, r.operation, r.row_count])).toEqual([
      ['public.app_orders', 'anonymised', 2],
      ['public.app_sessions', 'deleted', 3],
      ['public.app_users', 'deleted', 1],
    ]);
  });

  it('cannot be executed twice', async () => {
    const [row] = await h.db.sql`
      select id from gdpr_requests where type = 'erasure' and subject_id = ${ALICE}`;
    const again = await gdpr('execute_request', { request_id: row?.id });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'invalid_transition',
      message: 'the request is already completed',
    });
  });
});

describe('rectification', () => {
  it('sets a mapped column on the subject’s rows, and refuses the subject column', async () => {
    const id = await verifiedRequest(h.api, 'rectification', BOB);
    const refused = await gdpr('execute_request', {
      request_id: id,
      changes: [{ table: 'app_orders', column: 'user_id', value: ALICE }],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('not_rectifiable');
    const reply = await gdpr('execute_request', {
      request_id: id,
      changes: [{ table: 'public.app_orders', column: 'shipping_address', value: '3 New Street' }],
    });
    expect(reply.body.result.touched).toEqual([
      { table_name: 'public.app_orders', operation: 'rectified', row_count: 1 },
    ]);
    const orders = await h.db.sql`select id, shipping_address from app_orders order by id`;
    expect(orders.map((o) => [o.id, o.shipping_address])).toEqual([
      [1, null],
      [2, null],
      [3, '3 New Street'],
    ]);
  });
});

describe('refusals', () => {
  it('refuses an unverified request, a missing one, and a bad id, writing nothing', async () => {
    const submitted = await gdpr('submit_request', { type: 'access', subject_id: BOB });
    const id = submitted.body.result.request_id;
    const unverified = await gdpr('execute_request', { request_id: id });
    expect([unverified.status, unverified.body.error.code]).toEqual([409, 'not_verified']);
    const missing = await gdpr('execute_request', {
      request_id: '00000000-0000-4000-8000-000000000000',
    });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'not_found']);
    const bad = await gdpr('execute_request', { request_id: 'nope' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'validation_failed']);
    const [log] = await h.db.sql`
      select count(*)::int as n from gdpr_request_log where request_id = ${id}`;
    expect(log?.n).toBe(0);
  });
});
