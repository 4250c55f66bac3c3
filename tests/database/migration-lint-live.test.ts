import { beforeAll, describe, expect, it } from 'vitest';
import { lintMigrationSql } from '../../shared/migration-lint/lint.ts';
import { lintAgainstDatabase } from '../../shared/migration-lint/lint-live.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const TIMEOUTS = "set lock_timeout = '5s'; set statement_timeout = '1min';\n";
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.sql`create table lint_empty (id int, note text)`;
  await db.sql`create table lint_big (id int, note text)`;
  // ~20 MB of heap: past the 8 MB below which a lock counts as brief.
  await db.sql`insert into lint_big select g, repeat('x', 40) from generate_series(1, 300000) g`;
  await db.sql`create index lint_big_id on lint_big (id)`;
  await db.sql`analyze lint_big`;
});

const lint = (sql: string) => lintAgainstDatabase(db.sql, [{ name: 'm.sql', sql: TIMEOUTS + sql }]);

describe('severity from the live catalog', () => {
  it('CREATE INDEX on an empty table is fine; on a big one it fails the gate, saying how big', async () => {
    const empty = await lint('create index on lint_empty (id);');
    expect(empty.status).toBe('pass');
    expect(empty.findings).toMatchObject([
      { rule: 'require-concurrent-index-creation', severity: 'info', live: { rows: 0 } },
    ]);
    const big = await lint('create index on lint_big (note);');
    expect(big.status).toBe('fail');
    const [finding] = big.findings;
    expect(finding).toMatchObject({ rule: 'require-concurrent-index-creation', severity: 'error' });
    expect(finding?.live?.rows).toBeGreaterThan(250_000);
    expect(finding?.live?.table_bytes).toBeGreaterThan(8 * 1024 * 1024);
    expect(finding?.message).toMatch(/Live: \d+ MB, ~\d+ rows\./);
  });

  it('grades DROP INDEX by the size of the index’s table', async () => {
    const report = await lint('drop index lint_big_id;');
    expect(report.findings).toMatchObject([
      { rule: 'require-concurrent-index-deletion', severity: 'error', table: 'public.lint_big' },
    ]);
    expect(report.findings[0]?.message).toMatch(/^public\.lint_big: .* Live: \d+ MB/);
  });

  it('names the indexes a rewrite rebuilds with the table', async () => {
    const report = await lint('alter table lint_big alter column id type bigint;');
    expect(report.findings[0]?.rule).toBe('changing-column-type');
    expect(report.findings[0]?.message).toMatch(/1 index\(es\) \(\d+(\.\d)? MB\) rebuilt with it/);
  });

  it('a breaking change stays an error even on an empty table', async () => {
    const report = await lint('alter table lint_empty drop column note;');
    expect(report.findings.map((f) => [f.rule, f.severity])).toEqual([
      ['ban-drop-column', 'error'],
    ]);
  });

  it('reads the server’s own version: a constant default is free on it, a volatile one is not', async () => {
    const [{ v } = { v: 0 }] = await db.sql<{ v: number }[]>`
      select current_setting('server_version_num')::int / 10000 as v`;
    expect(v).toBeGreaterThanOrEqual(11);
    const constant = await lint("alter table lint_big add column plan text default 'free';");
    expect(constant.findings).toEqual([]);
    const volatile = await lint('alter table lint_big add column token float8 default random();');
    expect(volatile.findings.map((f) => [f.rule, f.severity])).toEqual([
      ['adding-field-with-default', 'error'],
    ]);
  });

  it('asks pg_proc about a DEFAULT function unknown offline: a STABLE one adds no rewrite', async () => {
    await db.sql`create function lint_plan_default() returns text language sql stable as $$ select 'free' $$`;
    await db.sql`create function lint_token_default() returns float8 language sql volatile as $$ select random() $$`;
    const sql = 'alter table lint_big add column plan text default lint_plan_default();';
    const offline = await lintMigrationSql(TIMEOUTS + sql);
    expect(offline.findings.map((f) => [f.rule, f.severity, f.function])).toEqual([
      ['adding-field-with-default', 'error', 'lint_plan_default'],
    ]);
    const stable = await lint(sql);
    expect(stable.status).toBe('pass');
    expect(stable.findings[0]?.severity).toBe('info');
    expect(stable.findings[0]?.message).toContain('lint_plan_default() is STABLE here');
    const volatile = await lint(
      'alter table lint_big add column token float8 default lint_token_default();',
    );
    expect(volatile.findings.map((f) => f.severity)).toEqual(['error']);
    expect(volatile.findings[0]?.message).toContain('lint_token_default() is VOLATILE');
  });

  it('SET NOT NULL that a validated CHECK (col IS NOT NULL) already proves needs no scan', async () => {
    await db.sql`alter table lint_big add constraint lint_big_note_nn check (note is not null)`;
    const proven = await lint('alter table lint_big alter column note set not null;');
    expect(proven.findings.map((f) => [f.rule, f.severity])).toEqual([
      ['adding-not-nullable-field', 'info'],
    ]);
    expect(proven.findings[0]?.message).toContain('CHECK ((note IS NOT NULL)) proves it');
    const unproven = await lint('alter table lint_big alter column id set not null;');
    expect(unproven.findings.map((f) => f.severity)).toEqual(['error']);
  });

  it('reports the lock queue a migration would wait in, without hanging on it', async () => {
    const holder = await db.sql.reserve();
    const waiter = await db.sql.reserve();
    try {
      await holder`begin`;
      await holder`lock table lint_empty in share mode`;
      await waiter`begin`;
      const queued = waiter`lock table lint_empty in access exclusive mode`.catch(() => null);
      await waitFor(async () => {
        const [row] = await db.sql<{ n: number }[]>`
          select count(*)::int as n from pg_locks where not granted and relation = 'lint_empty'::regclass`;
        return (row?.n ?? 0) > 0;
      });
      const report = await lint('alter table lint_empty add column extra int;');
      const blocked = report.findings.find((f) => f.rule === 'blocked-by-long-transaction');
      expect(blocked?.severity).toBe('error');
      expect(blocked?.message).toMatch(/pid \d+, AccessExclusiveLock waiting/);
      expect(report.status).toBe('fail');
      await holder`rollback`;
      await queued;
      await waiter`rollback`;
    } finally {
      holder.release();
      waiter.release();
    }
  });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition never held');
}
