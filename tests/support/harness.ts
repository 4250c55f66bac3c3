import { beforeAll, beforeEach } from 'vitest';
import { clearProduction, orchestrator, startWorkers } from './orchestrator.ts';
import { startTestApi, type TestApi } from './test-api.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export type Orchestrator = ReturnType<typeof orchestrator>;

export interface Harness {
  db: TestDatabase;
  api: TestApi;
  o: Orchestrator;
}

/**
 * One test file's world: its own database, the real gateway over HTTP and, when asked, the real
 * queue workers (step timers, traffic webhooks, notifications).
 */
export async function setUp(options: { workers?: boolean } = {}): Promise<Harness> {
  const db = await createTestDatabase();
  const api = await startTestApi(db);
  if (options.workers) await startWorkers(db);
  return { db, api, o: orchestrator(api) };
}

/**
 * setUp in the file's beforeAll and, with `clearProduction`, production's active rollout ended
 * before each test. The harness answered is filled in by the beforeAll: read its fields in hooks
 * and tests, not when the file is loaded.
 */
export function harnessForFile(
  options: { workers?: boolean; clearProduction?: boolean } = {},
): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    Object.assign(h, await setUp(options));
  });
  if (options.clearProduction) beforeEach(() => clearProduction(h.o));
  return h;
}
