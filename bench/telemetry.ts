/**
 * Telemetry benchmarks (issue 14, items 4 and 5), in one run against the real local stack:
 *  A. ingest through HTTP (`record_requests`: validation, rollups, exemplars, the canary judge,
 *     one transaction) against a raw COPY of the same samples into a plain table, alternated;
 *  B. bytes stored per million requests (rollups, exemplars, raw samples, indexes; after VACUUM,
 *     diffed from empty tables) with the defaults and with raw samples on;
 *  C. window queries over HTTP with 10 million requests stored, against `health_check`.
 * Run: npm run bench:telemetry [-- stored_requests=10000000]
 */

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ingestRequests } from '../shared/telemetry/ingest-requests.ts';
import type { RequestSampleInput } from '../shared/telemetry/schemas.ts';
import { median, startBenchStack, startCanary, timeMs } from './support.ts';
import { profileIngest } from './telemetry-profile.ts';
import { fillByShifting, type StorageFigures, storageFigures } from './telemetry-storage.ts';
import { COPY_COLUMNS, sample, traffic, tsv } from './telemetry-traffic.ts';

const STORED = Number(process.argv[2] ?? 10_000_000);
const MILLION = 1_000_000;
const ROUNDS = 3;
const BATCHES = 50;
// 4,000 samples with trace ids and a deployment id are ~0.9 MiB: under the 1 MiB body limit.
const BATCH = 4000;

const stack = await startBenchStack();
const settings = async (changes: Record<string, unknown>) => {
  const reply = await stack.call('production-monitoring', {
    action: 'set_telemetry_settings',
    ...changes,
  });
  if (reply.status !== 200) throw new Error(`settings: ${JSON.stringify(reply.body)}`);
};
const f = (n: number, d = 1) => n.toLocaleString('en', { maximumFractionDigits: d });

try {
  // A. ingest: HTTP with two concurrent clients (two cores) vs one COPY stream of the same
  // samples into a plain table; rounds alternate so both see the same machine.
  const deployment = await startCanary(stack, 'bench-ingest');
  await stack.sql`
    create table public.bench_copy (occurred_at timestamptz, duration_ms double precision,
      status smallint, route text, environment text, release text, deployment_id text,
      variant text, trace_id text)`;
  // Both paths get their input already encoded, as an exporter's buffer is: the timings are the
  // server's (and the clients share its process, so their encoding would be charged to it).
  const http = async (batches: RequestSampleInput[][]) => {
    const bodies = batches.map((requests) =>
      JSON.stringify({ action: 'record_requests', requests }),
    );
    let next = 0;
    const client = async () => {
      while (next < bodies.length) {
        const reply = await stack.call('production-monitoring', bodies[next++]);
        if (reply.status !== 200) throw new Error(`ingest: ${JSON.stringify(reply.body)}`);
      }
    };
    return timeMs(() => Promise.all([client(), client()]));
  };
  const copy = (batches: RequestSampleInput[][], perRow: boolean) => {
    // One write per batch is the strongest COPY this client can send; one write per row is how
    // the earlier bench sent it (kept for comparison with its figures).
    const chunks = perRow
      ? batches.flatMap((b) => b.map(tsv))
      : batches.map((b) => b.map(tsv).join(''));
    return timeMs(async () => {
      const writable =
        await stack.sql`copy public.bench_copy (${stack.sql.unsafe(COPY_COLUMNS)}) from stdin`.writable();
      await pipeline(Readable.from(chunks), writable);
    });
  };
  const fresh = () =>
    Array.from({ length: BATCHES }, () =>
      Array.from({ length: BATCH }, () => sample(Date.now(), deployment)),
    );
  await http([fresh()[0]?.slice(0, 100) ?? []]); // warm-up
  const rates = {
    http: [] as number[],
    raw: [] as number[],
    copy: [] as number[],
    copyRows: [] as number[],
  };
  const rate = (ms: number) => (BATCHES * BATCH) / (ms / 1000);
  for (let round = 0; round < ROUNDS; round++) {
    const batches = fresh();
    rates.copy.push(rate(await copy(batches, false)));
    rates.copyRows.push(rate(await copy(batches, true)));
    rates.http.push(rate(await http(batches)));
    await settings({ raw_samples: 'on' });
    rates.raw.push(rate(await http(fresh())));
    await settings({ raw_samples: 'off' });
  }
  await stack.sql`drop table public.bench_copy`;
  const profile = await profileIngest(stack.sql, fresh().slice(0, 20));

  // B. bytes per million requests: 100 requests/s (the example) and 1,000/s, defaults
  // and raw on, each into empty tables through the real ingest code (in-process, no HTTP).
  const now = Math.floor(Date.now() / 60_000) * 60_000 - 1;
  const store = async (perSecond: number) => {
    for (const batch of traffic(MILLION, perSecond, now)) await ingestRequests(stack.sql, batch);
  };
  const storage: Array<[string, StorageFigures]> = [];
  await settings({ raw_samples: 'on' });
  storage.push([
    'raw samples on, 100 requests/s',
    await storageFigures(stack.sql, () => store(100)),
  ]);
  await settings({ raw_samples: 'off' });
  storage.push(['defaults, 1,000 requests/s', await storageFigures(stack.sql, () => store(1000))]);
  storage.push(['defaults, 100 requests/s', await storageFigures(stack.sql, () => store(100))]);

  // C. 10 M requests: the last million (100/s, through the ingest code) copied back in time by SQL.
  const filled = await fillByShifting(stack.sql, Math.round(STORED / MILLION));
  const asOf = new Date(now).toISOString();
  const timed = async (fn: () => Promise<unknown>, n = 30) => {
    const t: number[] = [];
    for (let i = 0; i < n; i++) t.push(await timeMs(fn));
    return median(t);
  };
  const ask = (fn: string, action: string, time_window: string) => async () => {
    const reply = await stack.call(fn, {
      action,
      time_window,
      environment: 'production',
      as_of: asOf,
    });
    if (reply.status !== 200) throw new Error(`${action}: ${JSON.stringify(reply.body)}`);
    return (reply.body as { result: { requests: number } }).result;
  };
  const healthMs = await timed(() =>
    stack.call('production-monitoring', { action: 'health_check' }),
  );
  const queries: Array<[string, number, number, number]> = [];
  for (const window of ['5m', '1h', '6h', '1d', '30d']) {
    const { requests } = await ask('production-monitoring', 'performance_metrics', window)();
    queries.push([
      window,
      requests,
      await timed(ask('error-tracking', 'get_error_rate', window)),
      await timed(ask('production-monitoring', 'performance_metrics', window)),
    ]);
  }

  const median3 = (xs: number[]) => median(xs);
  console.log(
    `\n### A. Ingest (${ROUNDS} rounds of ${f(BATCHES * BATCH)} samples, batches of ${BATCH}; median)\n`,
  );
  console.log('| path | samples/s | ÷ raw COPY |\n| --- | --- | --- |');
  const copyRate = median3(rates.copy);
  for (const [label, xs] of [
    ['raw COPY of the same samples into a plain table, one write per batch (baseline)', rates.copy],
    ['raw COPY, one write per row (the earlier bench)', rates.copyRows],
    [
      'record_requests over HTTP, defaults (rollups + exemplars, no raw rows), 2 clients',
      rates.http,
    ],
    ['record_requests over HTTP, raw samples on, 2 clients', rates.raw],
  ] as const)
    console.log(`| ${label} | ${f(median3(xs), 0)} | **${(median3(xs) / copyRate).toFixed(2)}** |`);
  console.log(`\nWhere a batch of ${BATCH} goes (ms, in-process, median of 20): ${profile}`);
  console.log(
    `\nrounds (samples/s): COPY ${rates.copy.map((x) => f(x, 0)).join(', ')}; HTTP ${rates.http.map((x) => f(x, 0)).join(', ')}; HTTP raw on ${rates.raw.map((x) => f(x, 0)).join(', ')}`,
  );
  console.log(
    '\n### B. Stored per million requests (one environment, canary + stable, 5 routes)\n',
  );
  console.log(
    '| traffic | bytes after VACUUM | after VACUUM FULL | rollup rows | exemplar rows | raw rows |\n| --- | --- | --- | --- | --- | --- |',
  );
  for (const [label, s] of storage)
    console.log(
      `| ${label} | **${f(s.bytes / 1e6, 2)} MB** | ${f(s.compactBytes / 1e6, 2)} MB | ${f(s.rollups)} | ${f(s.exemplars)} | ${f(s.raw)} |`,
    );
  console.log(
    `\n### C. Window queries with ${f(filled.requests)} requests stored (${f(filled.bytes / 1e6, 1)} MB; median of 30 over HTTP)\n`,
  );
  console.log(`health_check over HTTP: ${healthMs.toFixed(2)} ms\n`);
  console.log(
    '| window | requests in it | get_error_rate ms | performance_metrics ms | ÷ health_check |\n| --- | --- | --- | --- | --- |',
  );
  for (const [window, requests, rateMs, perfMs] of queries)
    console.log(
      `| ${window} | ${f(requests)} | ${rateMs.toFixed(2)} | ${perfMs.toFixed(2)} | ${(rateMs / healthMs).toFixed(2)}× / ${(perfMs / healthMs).toFixed(2)}× |`,
    );
} finally {
  await stack.stop();
}
