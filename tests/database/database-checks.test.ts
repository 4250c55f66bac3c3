import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlockingLocksResult } from '../../shared/checks/blocking-locks.ts';
import { runPreDeploymentCheck } from '../../shared/checks/pre-deployment.ts';
import type { UnvalidatedConstraintsResult } from '../../shared/checks/unvalidated-constraints.ts';
import { checkResult } from '../support/check-result.ts';
import { harnessForFile } from '../support/harness.ts';
import { holdTableLock } from '../support/table-lock.ts';
import { functionActions } from '../support/test-api.ts';
import { operatorToken } from '../support/tokens.ts';

const h = harnessForFile();
let token: string;
const extra: postgres.Sql[] = [];

/** A connection of its own, as another application session would have. */
function session(): postgres.Sql {
  const conn = postgres(h.db.url, { max: 1, onnotice: () => {} });
  extra.push(conn);
  return conn;
}

async function pidOf(conn: postgres.Sql): Promise<number> {
  const [row] = await conn<{ pid: number }[]>`select pg_backend_pid() as pid`;
  return row?.pid as number;
}

async function until(check: () => Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition never became true');
}

const check = (action: string, body: Record<string, unknown> = {}) =>
  h.api.call('database-scalability', { action, ...body }, { token });
const checkAsService = functionActions(h, 'database-scalability');

beforeAll(async () => {
  token = await operatorToken(['viewer']);
});

afterAll(async () => {
  await Promise.all(extra.map((c) => c.end({ timeout: 1 })));
});

describe('blocking_locks and pre_deployment_check with a real lock', () => {
  it('reports a session waiting on another’s lock, fails the verdict, and clears once released', async () => {
    await h.db.sql`create table lock_target (id int)`;
    const holder = session();
    const waiter = session();
    const [holderPid, waiterPid] = await Promise.all([pidOf(holder), pidOf(waiter)]);
    const { release, held } = await holdTableLock(holder, 'lock_target');
    // postgres.js queries are lazy: .then() sends it, and it waits on the lock.
    const waiting = waiter`select count(*) from lock_target`.then((rows) => rows);
    await until(async () => {
      const [row] = await h.db.sql`
        select count(*)::int as n from pg_locks where pid = ${waiterPid} and not granted`;
      return row?.n === 1;
    });

    try {
      const locks = await check('blocking_locks');
      expect(locks.status).toBe(200);
      expect(locks.body.result).toMatchObject({ status: 'fail', value: 1, threshold: 0 });
      expect(locks.body.result.details.blocked).toEqual([
        expect.objectContaining({
          blocked_pid: waiterPid,
          blocking_pid: holderPid,
          blocked_statement: 'select count(*) from lock_target',
          blocking_statement: 'lock table lock_target in access exclusive mode',
        }),
      ]);

      const gate = await check('pre_deployment_check');
      expect(gate.status).toBe(200);
      expect(gate.body.result.verdict).toBe('fail');
      // table_sizes needs the locked table's size: it gives up after the lock timeout, not hangs.
      expect(gate.body.result.failed).toEqual(['blocking_locks', 'table_sizes']);
      expect(gate.body.result.checks.table_sizes.details.error).toBe('lock_not_available');
      expect(Object.keys(gate.body.result.checks).sort()).toEqual([
        'bloat',
        'blocking_locks',
        'cache_hit_ratio',
        'connections',
        'index_health',
        'long_running_queries',
        'query_outliers',
        'table_sizes',
        'unvalidated_constraints',
        'vacuum_health',
      ]);
    } finally {
      release();
    }
    await held;
    await waiting;
    const after = await check('blocking_locks');
    expect(after.body.result).toEqual(
      checkResult<BlockingLocksResult>('pass', 0, 0, { blocked: [] }),
    );
    const gateAfter = await check('pre_deployment_check');
    expect(gateAfter.body.result.failed).toEqual([]);
  });

  it('fails the verdict on an unsafe migration passed along, naming the lint', async () => {
    const gate = await check('pre_deployment_check', {
      migration_sql: 'alter table lock_target drop column id;',
    });
    expect(gate.body.result.verdict).toBe('fail');
    expect(gate.body.result.failed).toEqual(['migration_lint']);
    expect(
      gate.body.result.checks.migration_lint.details.findings.map((f: { rule: string }) => f.rule),
    ).toEqual(['require-lock-timeout', 'require-statement-timeout', 'ban-drop-column']);
  });
});

describe('runPreDeploymentCheck inside the caller’s transaction', () => {
  it('reports a locked table without aborting the transaction or keeping its lock_timeout', async () => {
    await h.db.sql`create table tx_locked (id int)`;
    const holder = session();
    const { release, held } = await holdTableLock(holder, 'tx_locked');
    try {
      const outcome = await h.db.sql.begin(async (tx) => {
        await tx`set local lock_timeout = '7s'`;
        const report = await runPreDeploymentCheck(tx);
        const [after] = await tx<
          { value: string }[]
        >`select current_setting('lock_timeout') as value`;
        return { report, lockTimeout: after?.value };
      });
      expect(outcome.report.failed).toEqual(['table_sizes']);
      expect(outcome.report.checks.table_sizes?.details).toMatchObject({
        error: 'lock_not_available',
      });
      expect(outcome.lockTimeout).toBe('7s');
    } finally {
      release();
    }
    await held;
  });
});

describe('unvalidated_constraints', () => {
  it('reports CHECK and FOREIGN KEY constraints added NOT VALID until they are validated', async () => {
    await h.db.sql`create table parents (id int primary key)`;
    await h.db.sql`create table children (id int, parent_id int, qty int)`;
    await h.db.sql`alter table children add constraint qty_positive check (qty > 0) not valid`;
    await h.db.sql`
      alter table children add constraint children_parent foreign key (parent_id) references parents (id) not valid`;
    const reply = await check('unvalidated_constraints');
    expect(reply.body.result).toEqual(
      checkResult<UnvalidatedConstraintsResult>('warn', 2, 0, {
        constraints: [
          { conname: 'children_parent', table_name: 'children', contype: 'foreign_key' },
          { conname: 'qty_positive', table_name: 'children', contype: 'check' },
        ],
      }),
    );
    await h.db.sql`alter table children validate constraint qty_positive`;
    await h.db.sql`alter table children validate constraint children_parent`;
    expect((await check('unvalidated_constraints')).body.result.value).toBe(0);
  });
});

describe('index_health', () => {
  it('reports duplicate indexes once each, with what covers them, and an invalid index', async () => {
    await h.db.sql`create table dup_t (a int, b int, c text)`;
    await h.db.sql`create index dup_a on dup_t (a)`;
    await h.db.sql`create index dup_ab on dup_t (a, b)`;
    await h.db.sql`create index dup_a_again on dup_t (a)`;
    await h.db.sql`create unique index dup_c_unique on dup_t (c)`;
    await h.db.sql`create index dup_c on dup_t (c)`;
    await h.db.sql`create index dup_b_partial on dup_t (b) where b > 0`;
    await h.db.sql`insert into dup_t values (1, 1, null), (2, 2, null)`;
    await h.db.sql`create table inv_t (v int)`;
    await h.db.sql`insert into inv_t values (1), (1)`;
    await expect(h.db.sql`create unique index concurrently inv_v on inv_t (v)`).rejects.toThrow(
      /could not create unique index/,
    );

    const reply = await check('index_health');
    const { details } = reply.body.result;
    expect(
      details.duplicate.map((d: { index_name: string; covered_by: string[] }) => [
        d.index_name,
        d.covered_by,
      ]),
    ).toEqual([
      ['dup_a', ['dup_ab']],
      ['dup_a_again', ['dup_a', 'dup_ab']],
      ['dup_c', ['dup_c_unique']],
    ]);
    expect(details.invalid).toEqual([
      { schemaname: 'public', table_name: 'inv_t', index_name: 'inv_v', size_bytes: 0 },
    ]);
    expect(details.unused).toEqual([]);
    expect(reply.body.result).toMatchObject({ status: 'warn', value: 4, threshold: 0 });
  });
});

describe('long_running_queries', () => {
  it('lists a statement running longer than the threshold, and nothing under the default 60 s', async () => {
    const sleeper = session();
    const pid = await pidOf(sleeper);
    const sleeping = sleeper`select pg_sleep(30)`.catch(() => 'cancelled');
    await until(async () => {
      const [row] = await h.db.sql`
        select count(*)::int as n from pg_stat_activity
         where pid = ${pid} and state = 'active' and now() - query_start > interval '300 ms'`;
      return row?.n === 1;
    });
    // Statement texts are service_role only (issue 12, finding 4); their literals redacted.
    const reply = await checkAsService('long_running_queries', { min_seconds: 0.3 });
    expect(reply.body.result.status).toBe('warn');
    expect(reply.body.result.threshold).toBe(0.3);
    expect(reply.body.result.details.queries).toEqual([
      expect.objectContaining({ pid, state: 'active', query: 'select pg_sleep(?)' }),
    ]);
    expect((await checkAsService('long_running_queries')).body.result).toMatchObject({
      status: 'pass',
      value: 0,
      threshold: 60,
    });
    await h.db.sql`select pg_cancel_backend(${pid})`;
    expect(await sleeping).toBe('cancelled');
  });
});
