import { beforeAll, describe, expect, it } from 'vitest';
import { harnessForFile } from '../support/harness.ts';
import { functionActions } from '../support/test-api.ts';
import { APP_DATA_MAP, createAppTables } from './fixtures.ts';

const h = harnessForFile();
const gdpr = functionActions(h, 'gdpr-compliance');

beforeAll(async () => {
  await createAppTables(h.db.sql);
});

describe('set_data_map', () => {
  it('stores tables whose columns exist, and get_data_map answers them back', async () => {
    const reply = await gdpr('set_data_map', { tables: APP_DATA_MAP });
    expect(reply.status).toBe(200);
    expect(reply.body.result.tables).toEqual([
      'public.app_users',
      'public.app_orders',
      'public.app_sessions',
    ]);
    const map = (await gdpr('get_data_map')).body.result.tables;
    expect(map.map((t: { table: string }) => t.table)).toEqual([
      'app_orders',
      'app_sessions',
      'app_users',
    ]);
    expect(map[0]).toMatchObject({
      schema: 'public',
      subject_column: 'user_id',
      legal_basis: 'legal_obligation',
      retention: null,
      columns: [
        { column: 'shipping_address', category: 'contact', erasure: 'null' },
        { column: 'user_id', category: 'identifier', erasure: 'null' },
      ],
    });
  });

  it('refuses entries the catalog contradicts, naming each problem, and stores none of them', async () => {
    const reply = await gdpr('set_data_map', {
      tables: [
        // The users entry stored above, with a subject column, columns and retention that
        // contradict the catalog.
        {
          ...APP_DATA_MAP[0],
          subject_column: 'uid',
          columns: [
            { column: 'email', category: 'contact', erasure: 'null' },
            { column: 'created_at', category: 'technical', erasure: 'hash' },
            { column: 'phone', category: 'contact', erasure: 'null' },
          ],
          retention: { max_age_days: 30, action: 'anonymise', timestamp_column: 'name' },
        },
        {
          table: 'app_nowhere',
          subject_column: 'id',
          purpose: 'x',
          legal_basis: 'consent',
          columns: [{ column: 'id', category: 'identifier', erasure: 'delete' }],
        },
      ],
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('data_map_invalid');
    expect(reply.body.error.details.issues).toEqual([
      { path: 'tables.0.subject_column', message: 'column public.app_users.uid does not exist' },
      {
        path: 'tables.0.columns.0.column',
        message: 'email is NOT NULL: it cannot be erased by null',
      },
      {
        path: 'tables.0.columns.1.column',
        message:
          'created_at is timestamp with time zone: hash needs text or varchar without a length',
      },
      {
        path: 'tables.0.columns.2.column',
        message: 'column public.app_users.phone does not exist',
      },
      {
        path: 'tables.0.columns',
        message:
          'without a delete column, erasure updates rows: map uid as null or hash, or they stay identifiable',
      },
      {
        path: 'tables.0.retention.timestamp_column',
        message: 'name is text, not a date or timestamp',
      },
      { path: 'tables.1.table', message: 'table public.app_nowhere does not exist' },
    ]);
    const [users] = await h.db.sql`
      select subject_column from gdpr_data_map_tables where table_name = 'app_users'`;
    expect(users?.subject_column).toBe('id');
  });

  it('refuses Rollgate’s own registers as subject data', async () => {
    const reply = await gdpr('set_data_map', {
      tables: [
        {
          table: 'gdpr_consent_events',
          subject_column: 'subject_id',
          purpose: 'x',
          legal_basis: 'consent',
          columns: [{ column: 'subject_id', category: 'identifier', erasure: 'delete' }],
        },
      ],
    });
    expect(reply.body.error.details.issues).toEqual([
      {
        path: 'tables.0.table',
        message: 'public.gdpr_consent_events is not a table of subject data',
      },
    ]);
  });

  it('removes tables from the map', async () => {
    const reply = await gdpr('remove_from_data_map', {
      tables: ['public.app_sessions', 'public.nope'],
    });
    expect(reply.body.result.removed).toEqual(['public.app_sessions']);
    const [columns] = await h.db.sql`
      select count(*)::int as n from gdpr_data_map_columns where table_name = 'app_sessions'`;
    expect(columns?.n).toBe(0);
  });
});
