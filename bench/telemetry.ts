/**
 * Telemetry benchmarks (issue: telemetry), in one run against the real local stack:
 *  A. ingest through HTTP (`record_requests`, rollups in the same transaction) against a raw COPY
 *     of the same rows into the same table;
 *  B. with N stored events, `get_error_rate` / `performance_metrics` over HTTP against the same
 *     figures computed over the raw events in SQL, and against `health_check`.
 * Run: npx tsx bench/telemetry.ts [stored_events=10000000]
 */

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ensurePartitions, upsertRollups } from '../shared/sql/telemetry-ingest.ts';
import { type RequestSample, rollupRequests } from '../shared/telemetry/rollup.ts';
import { seededRandom } from './seeded-random.ts';
import { median, startBenchStack, timeMs } from './support.ts';

const STORED = Number(process.argv[2] ?? 10_000_000);
const INGEST_BATCHES = 40;
const BATCH = 5000;
const ROUTES = ['/api/orders', '/api/users', '/api/search', '/api/cart', '/health'];

const random = seededRandom(7);
function sample(at: number) {
  return {
    duration_ms: Math.round(20 * Math.exp(random() * 3) * 100) / 100,
    status: random() < 0.02 ? 503 : 200,
    route: ROUTES[Math.floor(random() * ROUTES.length)] as string,
    environment: 'production',
    deployment_id: random() < 0.5 ? 'dep-a' : 'dep-b',
    variant: random() < 0.2 ? ('canary' as const) : ('stable' as const),
    timestamp: new Date(at).toISOString(),
  };
}
const tsv = (s: ReturnType<typeof sample>, environment = s.environment) =>
  `${s.timestamp}\t${s.duration_ms}\t${s.status}\t${s.route}\t${environment}\t\t${s.deployment_id}\t${s.variant}\n`;
const COPY_COLUMNS =
  'occurred_at, duration_ms, status, route, environment, release, deployment_id, variant';

const stack = await startBenchStack();
try {
  // A. ingest: HTTP with two concurrent clients (two cores) vs one COPY stream of the same rows.
  const batches = Array.from({ length: INGEST_BATCHES }, () =>
    Array.from({ length: BATCH }, () => sample(Date.now())),
  );
  await stack.call('production-monitoring', {
    action: 'record_requests',
    requests: batches[0]?.slice(0, 10),
  }); // warm-up
  const httpMs = await timeMs(async () => {
    let next = 0;
    const client = async () => {
      while (next < batches.length) {
        const batch = batches[next++];
        const reply = await stack.call('production-monitoring', {
          action: 'record_requests',
          requests: batch,
        });
        if (reply.status !== 200) throw new Error(`ingest failed: ${JSON.stringify(reply.body)}`);
      }
    };
    await Promise.all([client(), client()]);
  });
  const copyMs = await timeMs(async () => {
    const writable =
      await stack.sql`copy public.request_samples (${stack.sql.unsafe(COPY_COLUMNS)}) from stdin`.writable();
    // Same rows, another environment: the baseline has no rollups and must not skew part B.
    await pipeline(
      Readable.from(batches.flatMap((b) => b.map((r) => tsv(r, 'copy-baseline')))),
      writable,
    );
  });
  const events = INGEST_BATCHES * BATCH;
  const httpRate = events / (httpMs / 1000);
  const copyRate = events / (copyMs / 1000);

  // B. fill the store to STORED events in the five minutes before `asOf` (raw rows by COPY,
  // rollups by the real rollup code), then ask the 5m and 1h windows ending there.
  const already = events * 2 + 10;
  const asOf = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 1);
  const start = asOf.getTime() - 4.9 * 60_000;
  const fillMs = await timeMs(async () => {
    for (let done = already; done < STORED; ) {
      const n = Math.min(200_000, STORED - done);
      const rows = Array.from({ length: n }, () => sample(start + random() * 4.8 * 60_000));
      const samples: RequestSample[] = rows.map((r) => ({
        ...r,
        occurred_at: new Date(r.timestamp),
        release: '',
      }));
      await stack.sql.begin(async (tx) => {
        await ensurePartitions(
          tx,
          'request_samples',
          samples.map((s) => s.occurred_at),
        );
        const writable =
          await tx`copy public.request_samples (${tx.unsafe(COPY_COLUMNS)}) from stdin`.writable();
        await pipeline(Readable.from(rows.map((r) => tsv(r))), writable);
        await upsertRollups(tx, rollupRequests(samples));
      });
      done += n;
    }
  });
  await stack.sql`vacuum analyze public.request_samples`;
  const [{ stored } = { stored: 0 }] = await stack.sql<
    { stored: number }[]
  >`select count(*)::float8 as stored from public.request_samples`;

  const reps = 30;
  const timed = async (fn: () => Promise<unknown>, n = reps) => {
    const t: number[] = [];
    for (let i = 0; i < n; i++) t.push(await timeMs(fn));
    return median(t);
  };
  const query = (fn: string, action: string, time_window: string) => () =>
    stack.call(fn, { action, time_window, environment: 'production', as_of: asOf.toISOString() });
  const health = () => stack.call('production-monitoring', { action: 'health_check' });
  const raw = (minutes: number) => () =>
    stack.sql`
    select count(*)::float8 as requests, count(*) filter (where status >= 500)::float8 as failed,
           avg(duration_ms) as avg, percentile_disc(array[0.5, 0.95, 0.99]) within group (order by duration_ms) as p
      from public.request_samples
     where environment = 'production'
       and occurred_at >= date_trunc('minute', ${asOf}::timestamptz) - make_interval(mins => ${minutes - 1})
       and occurred_at < date_trunc('minute', ${asOf}::timestamptz) + interval '1 minute'`;
  const results: Array<[string, number, number, number]> = [];
  const healthMs = await timed(health);
  for (const [label, minutes] of [
    ['5m', 5],
    ['1h', 60],
  ] as const) {
    const check = (await query('error-tracking', 'get_error_rate', label)()).body as {
      result: { requests: number; failed: number };
    };
    const [rawRow] = await raw(minutes)();
    if (rawRow?.requests !== check.result.requests || rawRow?.failed !== check.result.failed) {
      throw new Error(
        `rollups disagree with raw: ${JSON.stringify({ raw: rawRow, rollup: check.result })}`,
      );
    }
    const rateMs = await timed(query('error-tracking', 'get_error_rate', label));
    const perfMs = await timed(query('production-monitoring', 'performance_metrics', label));
    results.push([label, rateMs, perfMs, await timed(raw(minutes), 3)]);
  }

  const f = (n: number, d = 1) => n.toFixed(d);
  console.log(
    `\n### Ingest (${events.toLocaleString('en')} samples, batches of ${BATCH}, 2 clients)\n`,
  );
  console.log('| path | samples/s |\n| --- | --- |');
  console.log(
    `| record_requests over HTTP (validate, raw insert, minute+hour rollups, one transaction) | ${f(httpRate, 0)} |`,
  );
  console.log(
    `| raw COPY of the same rows into request_samples (no rollups) | ${f(copyRate, 0)} |`,
  );
  console.log(`| **ratio HTTP / COPY** (goal ≥ 0.3) | **${f(httpRate / copyRate, 2)}** |`);
  console.log(
    `\n### Window queries with ${stored.toLocaleString('en')} stored events (median of ${reps}; raw SQL: median of 3)\n`,
  );
  console.log(`health_check over HTTP: ${f(healthMs, 2)} ms\n`);
  console.log(
    '| window | get_error_rate ms | performance_metrics ms | same figures over raw events in SQL ms | raw / get_error_rate | raw / performance_metrics | get_error_rate / health_check | performance_metrics / health_check |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [label, rateMs, perfMs, rawMs] of results) {
    console.log(
      `| ${label} | ${f(rateMs, 2)} | ${f(perfMs, 2)} | ${f(rawMs, 0)} | ${f(rawMs / rateMs, 0)}× | ${f(rawMs / perfMs, 0)}× | ${f(rateMs / healthMs, 2)}× | ${f(perfMs / healthMs, 2)}× |`,
    );
  }
  console.log(
    `\n(fill of ${(stored - already).toLocaleString('en')} events took ${f(fillMs / 1000)} s)`,
  );
} finally {
  await stack.stop();
}
