import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { installSupabaseCompat } from '../../stack/bootstrap.ts';
import { startEmbeddedPostgres } from '../../stack/embedded-postgres.ts';
import { applyMigrations } from '../../stack/migrate.ts';
import { TEMPLATE_DB, withDatabase } from './database-url.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
  }
}

/**
 * One PostgreSQL for the whole run: TEST_DATABASE_URL when set, otherwise an embedded one in a
 * temporary directory. The schema is built once, in a template database, with the real
 * bootstrap and `supabase db push`; every test file clones it.
 */
export default async function setup(project: TestProject) {
  // Every temporary directory of this run (clusters of spawned stacks included) goes under one
  // root, removed at the end; it must be traversable by the postgres user the clusters run as.
  const runRoot = mkdtempSync(join(tmpdir(), 'rollgate-run-'));
  chmodSync(runRoot, 0o755);
  process.env.ROLLGATE_TEST_TMP = runRoot;
  let stopServer = async () => {};
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dataDir = mkdtempSync(join(runRoot, 'rollgate-test-'));
    const port = 56000 + Math.floor(Math.random() * 2000);
    const pg = await startEmbeddedPostgres({ dataDir, port, extraSettings: { fsync: 'off' } });
    serverUrl = pg.url;
    stopServer = pg.stop;
  }
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
  await admin.unsafe(`create database ${TEMPLATE_DB}`);
  await admin.end();
  const templateUrl = withDatabase(serverUrl, TEMPLATE_DB);
  await installSupabaseCompat(templateUrl);
  // The migrations install the queue too (its schema, queues and RLS).
  await applyMigrations(templateUrl);
  project.provide('serverUrl', serverUrl);

  return async () => {
    await stopServer();
    rmSync(runRoot, { recursive: true, force: true });
  };
}
