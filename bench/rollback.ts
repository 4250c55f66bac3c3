/**
 * Orchestrator benchmarks (issue: deploy-orchestrator), against the real local stack:
 *  A. time from the breaching telemetry batch to the rollback being recorded, 20 runs;
 *  B. false rollbacks over 100 healthy canaries with realistic noise (goal 0).
 * Run: npx tsx bench/rollback.ts [runs=20] [healthy=100]
 */

import { onStepTimer } from '../shared/rollout/step-timer.ts';
import { seededRandom } from './seeded-random.ts';
import { median, quantile, startBenchStack } from './support.ts';

const RUNS = Number(process.argv[2] ?? 20);
const HEALTHY = Number(process.argv[3] ?? 100);
const GATES = {
  code_coverage: 90,
  security_critical: 0,
  performance_p95_ms: 120,
  integration_pass_rate: 100,
  vulnerabilities_high: 0,
};

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
async function canary(): Promise<string> {
  const version = `bench-${++n}`;
  await call('deploy-orchestrator', 'start_deployment', { environment: 'staging', version });
  const started = await call('deploy-orchestrator', 'start_deployment', {
    environment: 'production',
    version,
    actor: 'alice',
    gates: GATES,
    steps: [
      { weight: 25, pause_seconds: 600 },
      { weight: 100, pause_seconds: 0 },
    ],
  });
  const id = started.deployment_id as string;
  await stack.approve(id);
  return id;
}
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
    await record(samples(id, 'canary', 150, 0.25, 100)); // the breaching batch
    latencies.push(performance.now() - sent);
    const status = await call('deploy-orchestrator', 'get_status', { deployment_id: id });
    if (status.status !== 'rolled_back')
      throw new Error(`run ${i}: not rolled back: ${status.status}`);
    // Same transaction: the rollback's audit row and the breaching samples share an xmin.
    const [row] = await stack.sql<{ same: boolean }[]>`
      select (select xmin::text from deployment_audit where deployment_id = ${id} and event = 'rolled_back')
             in (select distinct xmin::text from request_samples where deployment_id = ${id}) as same`;
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
