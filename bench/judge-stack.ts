/**
 * The judge benchmark's stack half: rollouts against the real local stack over HTTP, batches of
 * 10 seconds' traffic at 10 req/s through record_requests (judged in every ingest transaction),
 * each step ended by the step timer's own code once its sized sample has arrived.
 */
import { onStepTimer } from '../shared/rollout/step-timer.ts';
import { productionRollout } from '../stack/rollout-request.ts';
import { rng, type Traffic } from './judge-sim.ts';
import { type BenchStack, GATES, startBenchStack } from './support.ts';

async function call(stack: BenchStack, fn: string, action: string, body: Record<string, unknown>) {
  const reply = await stack.call(fn, { action, ...body });
  if (reply.status !== 200) throw new Error(`${action}: ${JSON.stringify(reply.body)}`);
  return (reply.body as { result: Record<string, unknown> }).result;
}

let n = 0;
async function canary(stack: BenchStack, sized: number[]): Promise<string> {
  const version = `judge-bench-${process.pid}-${++n}`;
  await call(stack, 'deploy-orchestrator', 'start_deployment', { environment: 'staging', version });
  const started = await call(stack, 'deploy-orchestrator', 'start_deployment', {
    ...productionRollout(version, GATES),
    steps: [
      { weight: 25, pause_seconds: 3600, min_canary_requests: sized[0] },
      { weight: 50, pause_seconds: 3600, min_canary_requests: sized[1] },
      { weight: 100, pause_seconds: 0 },
    ],
  });
  const id = started.deployment_id as string;
  await stack.approve(id);
  return id;
}

type Result = 'rolled_back' | 'succeeded' | 'stuck';

/** One rollout: batches until the step's sample is in, then the step timer; up to 100 %. */
async function rollout(stack: BenchStack, t: Traffic, sized: number[], seed: number) {
  const r = rng(seed);
  const id = await canary(stack, sized);
  for (let batch = 0; batch < 400; batch++) {
    const [d] = await stack.sql<
      {
        status: string;
        current_step: number;
        current_weight: number;
        step_arm: number;
        n: number;
      }[]
    >`select status, current_step, current_weight, step_arm, step_canary_requests::int as n
        from deployments where deployment_id = ${id}`;
    if (!d) throw new Error('deployment vanished');
    if (d.status === 'rolled_back') return 'rolled_back' as Result;
    if (d.status === 'succeeded') return 'succeeded' as Result;
    if (d.n >= (sized[d.current_step] ?? 0)) {
      await stack.sql.begin((tx) =>
        onStepTimer(tx, { deployment_id: id, step: d.current_step, arm: d.step_arm }, new Date()),
      );
      continue;
    }
    const requests = [];
    const count = r.poisson(10 * t.rps);
    for (let i = 0; i < count; i++) {
      const isCanary = r.next() < d.current_weight / 100;
      requests.push({
        duration_ms:
          Math.round(
            t.medianMs * (isCanary ? t.latencyFactor : 1) * Math.exp(t.sigma * r.gauss()) * 100,
          ) / 100,
        status: r.next() < (isCanary ? t.canaryErrorRate : t.stableErrorRate) ? 503 : 200,
        environment: 'production',
        deployment_id: id,
        variant: isCanary ? 'canary' : 'stable',
      });
    }
    if (requests.length)
      await call(stack, 'production-monitoring', 'record_requests', { requests });
  }
  return 'stuck' as Result;
}

export async function stackRuns(
  runs: number,
  sized: number[],
  scenarios: Array<[string, Traffic]>,
): Promise<string[]> {
  const stack = await startBenchStack();
  const lines = [
    `\n### Against the real stack (${runs} rollouts per row, 10 req/s, steps sized ${sized.join(' + ')})\n`,
    '| traffic | rolled back | reached 100 % | stuck |',
    '| --- | --- | --- | --- |',
  ];
  try {
    for (const [name, t] of scenarios) {
      const counts = { rolled_back: 0, succeeded: 0, stuck: 0 };
      for (let i = 0; i < runs; i++) counts[await rollout(stack, t, sized, 77_000 + i)] += 1;
      lines.push(`| ${name} | ${counts.rolled_back} | ${counts.succeeded} | ${counts.stuck} |`);
    }
  } finally {
    await stack.stop();
  }
  return lines;
}
