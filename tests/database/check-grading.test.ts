import { describe, expect, it } from 'vitest';
import { gradeCacheHitRatio } from '../../shared/checks/cache-hit-ratio.ts';
import { gradeConnections } from '../../shared/checks/connections.ts';
import { gradeLongRunningQueries } from '../../shared/checks/long-running-queries.ts';
import { gradeQueryOutliers } from '../../shared/checks/query-outliers.ts';
import { gradeVacuumHealth } from '../../shared/checks/vacuum-health.ts';
import { verdictOf } from '../../shared/checks/verdict.ts';

const usage = (used: number) => ({
  used,
  max_connections: 200,
  reserved: 3,
  active: 1,
  idle: used - 1,
  idle_in_transaction: 0,
});

describe('grading the database checks', () => {
  it('cache hit ratio: the worse of tables and indexes, warning below 99 %', () => {
    const blocks = { table_hits: 990, table_reads: 10, index_hits: 9999, index_reads: 1 };
    expect(gradeCacheHitRatio(blocks)).toMatchObject({
      status: 'pass',
      value: 99,
      details: { table_hit_percent: 99, index_hit_percent: 99.99 },
    });
    expect(gradeCacheHitRatio({ ...blocks, table_reads: 11 })).toMatchObject({
      status: 'warn',
      value: 98.9,
    });
    expect(
      gradeCacheHitRatio({ table_hits: 0, table_reads: 0, index_hits: 0, index_reads: 0 }),
    ).toMatchObject({ status: 'pass', value: null });
  });

  it('connections: warn from 80 %, fail from 95 % of max_connections', () => {
    expect(gradeConnections(usage(159))).toMatchObject({ status: 'pass', value: 79.5 });
    expect(gradeConnections(usage(160))).toMatchObject({ status: 'warn', value: 80 });
    expect(gradeConnections(usage(190))).toMatchObject({ status: 'fail', value: 95 });
  });

  it('vacuum health: transaction-ID age in percent of 2^31, warn from 50 %, fail from 75 %', () => {
    const age = (xid_age: number, autovacuum_enabled = true) => ({
      database: 'postgres',
      xid_age,
      freeze_max_age: 200_000_000,
      autovacuum_enabled,
    });
    expect(gradeVacuumHealth(age(214_748_365), [])).toMatchObject({ status: 'pass', value: 10 });
    expect(gradeVacuumHealth(age(1_073_741_824), [])).toMatchObject({ status: 'warn', value: 50 });
    expect(gradeVacuumHealth(age(1_610_612_736), [])).toMatchObject({ status: 'fail', value: 75 });
    expect(gradeVacuumHealth(age(1000, false), []).status).toBe('warn');
  });

  it('long-running queries: warn past the threshold, fail from five minutes', () => {
    const q = (seconds: number) => ({
      pid: 1,
      user: 'app',
      application_name: '',
      state: 'active',
      wait_event_type: null,
      seconds,
      query: 'select 1',
    });
    expect(gradeLongRunningQueries([])).toMatchObject({ status: 'pass', value: 0, threshold: 60 });
    expect(gradeLongRunningQueries([q(61.04)])).toMatchObject({ status: 'warn', value: 61 });
    expect(gradeLongRunningQueries([q(61), q(300)])).toMatchObject({ status: 'fail', value: 300 });
  });

  it('query outliers: a statement averaging 500 ms over at least 10 calls warns', () => {
    const stat = (calls: number, mean_ms: number) => ({
      queryid: String(calls),
      query: 'select …',
      calls,
      total_ms: calls * mean_ms,
      mean_ms,
      share_percent: null,
    });
    expect(gradeQueryOutliers([stat(9, 5000), stat(100, 20)])).toMatchObject({
      status: 'pass',
      value: 20,
    });
    const slow = gradeQueryOutliers([stat(10, 500), stat(100, 20)]);
    expect(slow).toMatchObject({ status: 'warn', value: 500 });
    expect(slow.details).toMatchObject({ outliers: [stat(10, 500)] });
  });

  it('one verdict: the worst status, naming what failed and what warned', () => {
    expect(
      verdictOf({
        a: { status: 'pass' },
        b: { status: 'warn' },
        c: { status: 'fail' },
        d: { status: 'warn' },
      }),
    ).toEqual({ verdict: 'fail', failed: ['c'], warnings: ['b', 'd'] });
    expect(verdictOf({ a: { status: 'pass' } })).toEqual({
      verdict: 'pass',
      failed: [],
      warnings: [],
    });
  });
});
