import type { Pool } from '../../shared/sql/client.ts';
import type { TestApi } from '../support/test-api.ts';
import type { TestDatabase } from '../support/test-database.ts';

export const ALICE = '11111111-1111-4111-8111-111111111111';
export const BOB = '22222222-2222-4222-8222-222222222222';

/**
 * An application's own personal data, as a Supabase project would have it: users, their orders
 * (kept for accounting, so anonymised rather than deleted), their sessions, and a table that
 * holds no personal data at all.
 */
export async function createAppTables(sql: Pool) {
  await sql`
    create table app_users (
      id uuid primary key, email text not null unique, name text,
      created_at timestamptz not null default now())`;
  await sql`
    create table app_orders (
      id int primary key, user_id uuid references app_users (id), total numeric not null,
      shipping_address text, created_at timestamptz not null default now())`;
  await sql`
    create table app_sessions (
      token text primary key, user_id uuid not null, created_at timestamptz not null)`;
  await sql`create table app_products (id int primary key, name text not null)`;
  for (const table of ['app_users', 'app_orders', 'app_sessions', 'app_products']) {
    await sql`alter table ${sql(table)} enable row level security`;
  }
}

export async function seedSubjects(sql: Pool) {
  await sql`
    insert into app_users (id, email, name, created_at) values
      (${ALICE}, 'alice@example.com', 'Alice', '2026-01-02T03:04:05Z'),
      (${BOB}, 'bob@example.com', 'Bob', '2026-01-03T03:04:05Z')`;
  await sql`
    insert into app_orders (id, user_id, total, shipping_address, created_at) values
      (1, ${ALICE}, 10.50, '1 Alice Road', '2026-02-01T00:00:00Z'),
      (2, ${ALICE}, 20, '1 Alice Road', '2026-02-02T00:00:00Z'),
      (3, ${BOB}, 30, '2 Bob Street', '2026-02-03T00:00:00Z')`;
  await sql`
    insert into app_sessions (token, user_id, created_at) values
      ('a1', ${ALICE}, now()), ('a2', ${ALICE}, now()), ('a3', ${ALICE}, now()),
      ('b1', ${BOB}, now())`;
  await sql`insert into app_products values (1, 'Widget'), (2, 'Gadget')`;
}

/** A data-map entry whose personal columns (name → category) are all erased the same way. */
function mappedTable(
  table: { table: string; subject_column: string; purpose: string; legal_basis: string },
  erasure: 'delete' | 'null' | 'hash',
  categories: Record<string, string>,
) {
  const columns = Object.entries(categories).map(([column, category]) => ({
    column,
    category,
    erasure,
  }));
  return { ...table, columns };
}

/** The data map for those tables: users and sessions deleted, orders anonymised. */
export const APP_DATA_MAP = [
  mappedTable(
    { table: 'app_users', subject_column: 'id', purpose: 'account', legal_basis: 'contract' },
    'delete',
    { id: 'identifier', email: 'contact', name: 'identity' },
  ),
  mappedTable(
    {
      table: 'app_orders',
      subject_column: 'user_id',
      purpose: 'bookkeeping',
      legal_basis: 'legal_obligation',
    },
    'null',
    { user_id: 'identifier', shipping_address: 'contact' },
  ),
  mappedTable(
    {
      table: 'app_sessions',
      subject_column: 'user_id',
      purpose: 'security',
      legal_basis: 'legitimate_interests',
    },
    'delete',
    { user_id: 'identifier' },
  ),
];

export async function setAppDataMap(api: TestApi) {
  const reply = await api.call('gdpr-compliance', { action: 'set_data_map', tables: APP_DATA_MAP });
  if (reply.status !== 200) throw new Error(`set_data_map: ${JSON.stringify(reply.body)}`);
}

/** The app's tables with Alice's and Bob's rows, and its data map. */
export async function installApp(h: { db: TestDatabase; api: TestApi }) {
  await createAppTables(h.db.sql);
  await seedSubjects(h.db.sql);
  await setAppDataMap(h.api);
}

/** Submits and verifies a request, ready to execute; answers its id. */
export async function verifiedRequest(api: TestApi, type: string, subjectId: string) {
  const submitted = await api.call('gdpr-compliance', {
    action: 'submit_request',
    type,
    subject_id: subjectId,
  });
  const id = submitted.body.result.request_id as string;
  await api.call('gdpr-compliance', {
    action: 'update_request_status',
    request_id: id,
    status: 'verified',
  });
  return id;
}
