import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, inject } from 'vitest';
import type { Pool } from '../../shared/sql/client.ts';
import { createSql } from '../../shared/sql/connect.ts';
import { TEMPLATE_DB, withDatabase } from './database-url.ts';

export interface TestDatabase {
  url: string;
  sql: Pool;
}

/**
 * A fresh database for one test file, cloned from the migrated template (fast: a file copy).
 * Dropped again after the file's tests.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject('serverUrl');
  const name = `rollgate_test_${randomBytes(5).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${TEMPLATE_DB}`);
  const url = withDatabase(serverUrl, name);
  const sql = createSql(url, { max: 10 });
  afterAll(async () => {
    await sql.end({ timeout: 5 });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  return { url, sql };
}

/** An empty database (no bootstrap, no migrations), for tests of the set-up steps themselves. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const serverUrl = inject('serverUrl');
  const name = `rollgate_empty_${randomBytes(5).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template template0`);
  const url = withDatabase(serverUrl, name);
  const sql = createSql(url, { max: 2 });
  afterAll(async () => {
    await sql.end({ timeout: 5 });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  return { url, sql };
}
