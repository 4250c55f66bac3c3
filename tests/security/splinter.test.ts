import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

// Supabase's Security Advisor runs splinter's lints on every project. Rollgate's own objects
// (what its migrations create in `public`) must not show a WARN or an ERROR: on the old schema
// twelve functions had a role-mutable search_path (lint 0011).
const FIXTURE = new URL('./fixtures/splinter-security-lints.sql', import.meta.url);
const LINTS = readFileSync(FIXTURE, 'utf8')
  .split(/^-- lint: /m)
  .slice(1)
  .map((chunk) => {
    const newline = chunk.indexOf('\n');
    return { name: chunk.slice(0, newline).trim(), sql: chunk.slice(newline + 1) };
  });

/** Schemas Rollgate's migrations create objects in (pg-boss's `pgboss` is the queue library's). */
const ROLLGATE_SCHEMAS = ['public'];

/**
 * The one finding PostgreSQL cannot fix: an aggregate has no proconfig (there is no ALTER
 * AGGREGATE … SET), so lint 0011 flags every user-defined aggregate. Accepted only while the
 * code it runs, its state function, has a fixed search_path (checked below).
 */
const AGGREGATES = ['telemetry_hist_sum'];

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

interface LintRow {
  name: string;
  level: string;
  detail: string;
  metadata: { schema?: string; name?: string } | null;
}

describe('splinter security lints', () => {
  it('load from the fixture', () => {
    expect(LINTS.map((l) => l.name)).toContain('0011_function_search_path_mutable');
    expect(LINTS.length).toBeGreaterThanOrEqual(10);
  });

  it('accept an aggregate only when its state function has a fixed search_path', async () => {
    const rows = await db.sql<{ name: string; config: string[] | null }[]>`
      select p.proname::text as name, s.proconfig as config
        from pg_aggregate a join pg_proc p on p.oid = a.aggfnoid join pg_proc s on s.oid = a.aggtransfn
        join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = any(${ROLLGATE_SCHEMAS})`;
    expect(rows.map((r) => r.name).sort()).toEqual(AGGREGATES);
    for (const r of rows) expect(r.config?.some((c) => c.startsWith('search_path='))).toBe(true);
  });

  it.each(LINTS.map((l) => [l.name, l] as const))(
    '%s: no WARN or ERROR on Rollgate’s objects',
    async (_name, lint) => {
      const rows = await db.sql.begin(async (tx) => {
        // What PostgREST exposes on Supabase; several lints read it.
        await tx`select set_config('pgrst.db_schemas', 'public,graphql_public', true)`;
        return tx.unsafe<LintRow[]>(lint.sql);
      });
      const findings = rows
        .filter((r) => r.level === 'WARN' || r.level === 'ERROR')
        .filter((r) => ROLLGATE_SCHEMAS.includes(r.metadata?.schema ?? ''))
        .filter(
          (r) =>
            !(
              r.name === 'function_search_path_mutable' &&
              AGGREGATES.includes(r.metadata?.name ?? '')
            ),
        )
        .map((r) => `${r.level} ${r.detail}`);
      expect(findings).toEqual([]);
    },
  );
});
