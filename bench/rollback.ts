/**
 * Orchestrator benchmarks (issue: deploy-orchestrator), against the real local stack:
 *  A. time from the breaching telemetry batch to the rollback being recorded, 20 runs;
 *  B. false rollbacks over 100 healthy canaries with realistic noise (goal 0).
 * Run: npx tsx bench/rollback.ts [runs=20] [healthy=100]
 */

import { onStepTimer } from '../shared/rollout/step-timer.ts';
import { seededRandom } from './seeded-random.ts';
import { median, quantile, startBenchStack, startCanary } from './support.ts';

const RUNS = Number(process.argv[2] ?? 20);
const HEALTHY = Number(process.argv[3] ?? 100);
const random = seededRandom(11);
const gaussian = () =>
  Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random());

const stack = await startBenchStack();
const call = async (fn: string, action: string, body: Record<string, unknown>) => {
  const reply = await stack.call(fn, { action, ...body });
  if (reply.status !== 200) throw new Error(`${action}: ${JSON.stringify(reply.body)}`);
  return (reply.body as { result: Record<string, unknown> }).result;
};
let n = 0;
const canary = () => startCanary(stack, `bench-${++n}`);
/** Requests whose true error rate is `rate` (binomial noise) and log-normal latency around `ms`. */
const samples = (
  id: string,
  variant: 'canary' | 'stable',
  count: number,
  rate: number,
  ms: number,
) =>
  Array.from({ length: count }, () => ({
    duration_ms: Math.round(ms * Math.exp(0.35 * gaussian()) * 100) / 100,
    status: random() < rate ? 503 : 200,
    environment: 'production',
    deployment_id: id,
    variant,
  }));
const record = (requests: unknown[]) =>
  call('production-monitoring', 'record_requests', { requests });

try {
  // A. latency from the breaching batch to the recorded rollback.
  const latencies: number[] = [];
  const sameTransaction: boolean[] = [];
  for (let i = 0; i < RUNS; i++) {
    const id = await canary();
    await record([
      ...samples(id, 'stable', 400, 0.01, 100),
      ...samples(id, 'canary', 100, 0.01, 100),
    ]);
    const sent = performance.now();
    // The breaching batch: decisive under the sequential judge whatever the seed draws (150 at
    // 25 % once drew 27 failures, 28 of 250 in all against 8 of 400: not yet proof at α = 0.005).
    await record(samples(id, 'canary', 250, 0.3, 100));
    latencies.push(performance.now() - sent);
    const status = await call('deploy-orchestrator', 'get_status', { deployment_id: id });
    if (status.status !== 'rolled_back')
      throw new Error(`run ${i}: not rolled back: ${status.status}`);
    // Same transaction: the rollback's audit row and the breaching batch's rollup rows (the
    // record: raw samples are off by default) share an xmin.
    const [row] = await stack.sql<{ same: boolean }[]>`
      select (select xmin::text from deployment_audit where deployment_id = ${id} and event = 'rolled_back')
             in (select distinct xmin::text from telemetry_rollups where deployment_id = ${id}) as same`;
    sameTransaction.push(Boolean(row?.same));
  }

  // B. healthy canaries with noise: same true error rate and latency as stable, several batches,
  // judged at every batch (the ingest-time judge) and at the step's end (the step timer's code).
  let falseRollbacks = 0;
  let stepPasses = 0;
  let inconclusive = 0;
  for (let i = 0; i < HEALTHY; i++) {
    const id = await canary();
    const rate = 0.002 + random() * 0.02; // 0.2 % … 2.2 % errors, the same for both variants
    const ms = 60 + random() * 200;
    for (let batch = 0; batch < 5; batch++)
      await record([
        ...samples(id, 'stable', 240, rate, ms),
        ...samples(id, 'canary', 80, rate, ms),
      ]);
    const [d] = await stack.sql<{ current_step: number; step_arm: number; status: string }[]>`
      select current_step, step_arm, status from deployments where deployment_id = ${id}`;
    if (d?.status !== 'progressing') {
      falseRollbacks += 1;
      if (process.env.BENCH_DEBUG)
        console.log(
          (await stack.sql`select reasons from analysis_runs where deployment_id = ${id}`).map(
            (r) => r.reasons,
          ),
        );
      continue;
    }
    const outcome = await stack.sql.begin((tx) =>
      onStepTimer(tx, { deployment_id: id, step: d.current_step, arm: d.step_arm }, new Date()),
    );
    if (outcome.outcome === 'rolled_back') {
      falseRollbacks += 1;
      if (process.env.BENCH_DEBUG) console.log(JSON.stringify(outcome.judgement?.checks));
    }
    if (outcome.outcome === 'advanced') stepPasses += 1;
    if (outcome.outcome === 'held') inconclusive += 1;
  }

  const f = (ms: number) => ms.toFixed(1);
  console.log(`\n### Breaching batch → rollback recorded (${RUNS} runs)\n`);
  console.log('| measure | value |\n| --- | --- |');
  console.log(
    `| rollbacks recorded in the breaching batch's own transaction | ${sameTransaction.length}/${RUNS} (commit → rollback: 0 ms) |`,
  );
  console.log(
    `| breaching record_requests round trip, median (includes judging and rolling back) | ${f(median(latencies))} ms |`,
  );
  console.log(
    `| breaching record_requests round trip, p95 (goal ≤ 2000 ms) | ${f(quantile(latencies, 0.95))} ms |`,
  );
  console.log(
    `\n### Healthy noisy canaries (${HEALTHY}, 5 batches each of 80 canary + 240 stable requests)\n`,
  );
  console.log('| measure | value |\n| --- | --- |');
  console.log(`| false rollbacks (goal 0) | **${falseRollbacks}** |`);
  console.log(`| step-end analyses that passed | ${stepPasses} |`);
  console.log(`| step-end analyses inconclusive (held) | ${inconclusive} |`);
} finally {
  await stack.stop();
}
