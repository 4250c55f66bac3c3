import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PgBoss from 'pg-boss';
import { beforeAll, describe, expect, it } from 'vitest';
import { requiredQueues } from '../../shared/jobs/registry.ts';
import { ROOT } from '../support/stack-process.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

// The queue exists on a database that has only the migrations (hosted Supabase): its schema is
// pg-boss's own construction plan inside a migration, and its queues are the registry's.
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

describe('the queue schema from the migrations', () => {
  it("is exactly the installed pg-boss's construction plan", () => {
    const migration = readFileSync(
      join(ROOT, 'supabase/migrations/20261130010100_queue_schema.sql'),
      'utf8',
    );
    const embedded = migration
      .split('-- pg-boss construction plan: begin\n')[1]
      ?.split('\n-- pg-boss construction plan: end')[0];
    const plan = PgBoss.getConstructionPlans('pgboss')
      .replace(/^\s*BEGIN;\s*/, '')
      .replace(/\s*COMMIT;\s*$/, '');
    // A pg-boss upgrade changes the plan: it then needs a migration of its own.
    expect(embedded).toBe(plan);
  });

  it('has every queue of the job registry, with its policy', async () => {
    const rows = await db.sql<{ name: string; policy: string }[]>`
      select name, policy from pgboss.queue order by name`;
    const have = new Map(rows.map((r) => [r.name, r.policy]));
    for (const queue of requiredQueues())
      expect(have.get(queue.name), queue.name).toBe(queue.policy);
  });

  it('is closed to the API roles, with RLS on every table', async () => {
    const open = await db.sql<{ name: string }[]>`
      select tablename as name from pg_tables where schemaname = 'pgboss' and not rowsecurity`;
    expect(open).toEqual([]);
    const [grants] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from information_schema.role_table_grants
       where table_schema = 'pgboss' and grantee in ('anon', 'authenticated')`;
    expect(grants?.n).toBe(0);
  });
});
