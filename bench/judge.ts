/**
 * The canary judge benchmark (issue 13). Part 1, pure: thousands of simulated rollouts through the
 * real judge() (shared/rollout/canary-judge.ts), side by side with a Flagger-style and an
 * Argo-style judge on the same traffic (same seeds). Part 2 (`--stack N`): N rollouts against the
 * real local stack (bench/judge-stack.ts).
 * Run: npm run bench:judge -- [rollouts per cell=400] [--stack 20]
 */
import { medianBucket } from '../shared/judge/latency.ts';
import {
  requiredCanaryRequests,
  slowShareAtFactor,
  splitSample,
  stablePerCanary,
} from '../shared/judge/preflight.ts';
import { ALPHA_SHARES, DEFAULT_JUDGE_SETTINGS } from '../shared/judge/settings.ts';
import {
  argoJudge,
  baselineHist,
  flaggerJudge,
  type JudgeModel,
  type Outcome,
  type Plan,
  playRollout,
  rng,
  rollgateJudge,
  type Traffic,
} from './judge-sim.ts';
import { stackRuns } from './judge-stack.ts';

const args = process.argv.slice(2);
const stackFlag = args.indexOf('--stack');
const STACK_RUNS = stackFlag >= 0 ? Number(args[stackFlag + 1] ?? 20) : 0;
const PER_CELL = Number(args.find((a, i) => /^\d+$/.test(a) && i !== stackFlag + 1) ?? 400);
const RATES = [1, 3, 10, 30, 100];
const S = DEFAULT_JUDGE_SETTINGS;
const DEFAULT_STEPS = [
  { weight: 25, pause_seconds: 300 },
  { weight: 50, pause_seconds: 300 },
  { weight: 100, pause_seconds: 0 },
];
const base: Omit<Traffic, 'rps'> = {
  stableErrorRate: 0.01,
  canaryErrorRate: 0.01,
  latencyFactor: 1,
  sigma: 1,
  medianMs: 100,
};

/** The pre-flight's sizing (the same functions as the preflight action). */
function sizedPlan(rps: number): Plan {
  const ratio = stablePerCanary(DEFAULT_STEPS);
  const errors = requiredCanaryRequests(
    base.stableErrorRate,
    S.max_error_rate / 100,
    S.error_rate_margin / 100,
    S.alpha * ALPHA_SHARES.error_rate_vs_stable,
    ratio,
  );
  const hist = baselineHist({ ...base, rps }, rng(7), 20_000);
  const m = medianBucket(hist) as number;
  const reference = slowShareAtFactor(hist, m, 1);
  const latency = requiredCanaryRequests(
    reference,
    slowShareAtFactor(hist, m, 1.5),
    S.latency_margin / 100,
    S.alpha * ALPHA_SHARES.latency_vs_stable,
    ratio,
  );
  const need = Math.max(errors ?? 0, latency ?? 0);
  const split = splitSample(DEFAULT_STEPS, need);
  return {
    steps: DEFAULT_STEPS.map((s, i) => ({ ...s, min_canary_requests: split[i] ?? 0 })),
    deadline_seconds: 3600,
    bake_seconds: 600,
  };
}
const timePlan: Plan = { steps: DEFAULT_STEPS, deadline_seconds: 3600, bake_seconds: 600 };

interface Cell {
  rolledBack: number;
  beforeFull: number;
  paused: number;
  seconds: number[];
}
function run(t: Traffic, plan: Plan, make: () => JudgeModel, n: number, seed0: number): Cell {
  const c: Cell = { rolledBack: 0, beforeFull: 0, paused: 0, seconds: [] };
  for (let i = 0; i < n; i++) {
    const o: Outcome = playRollout(t, plan, make(), seed0 + i);
    if (o.result === 'rolled_back') {
      c.rolledBack += 1;
      c.seconds.push(o.seconds);
      if (o.beforeFull) c.beforeFull += 1;
    }
    if (o.result === 'paused_for_human') c.paused += 1;
  }
  return c;
}
const pct = (k: number, n: number) => `${((100 * k) / n).toFixed(1)} %`;
const med = (xs: number[]) => {
  if (!xs.length) return '–';
  const s = [...xs].sort((a, b) => a - b);
  return `${s[Math.floor((s.length - 1) / 2)]} s`;
};

const judges: Array<[string, () => JudgeModel, (rps: number) => Plan]> = [
  ['rollgate, steps sized by the pre-flight', () => rollgateJudge(), sizedPlan],
  ['rollgate, time-only steps (25/300 s, 50/300 s)', () => rollgateJudge(), () => timePlan],
  ['flagger-style, time-only steps', flaggerJudge, () => timePlan],
  ['argo-style, time-only steps', argoJudge, () => timePlan],
];

console.log(`## Judge benchmark (pure, ${PER_CELL} rollouts per cell, α = ${S.alpha})\n`);
for (const rps of RATES) {
  const p = sizedPlan(rps);
  console.log(
    `pre-flight at ${rps} req/s: ${p.steps.map((s) => s.min_canary_requests).join(' + ')} canary requests per step`,
  );
}
const scenarios: Array<[string, Omit<Traffic, 'rps'>, 'false' | 'caught']> = [
  ['healthy (1 % errors, log-normal σ = 1): rolled back (goal ≤ 0.5 %)', base, 'false'],
  [
    'canary 5 % errors vs stable 1 %: caught before 100 % (goal ≥ 95 %)',
    { ...base, canaryErrorRate: 0.05 },
    'caught',
  ],
  [
    'canary 1.5× slower: caught before 100 % (goal ≥ 95 %)',
    { ...base, latencyFactor: 1.5 },
    'caught',
  ],
];
for (const [title, traffic, kind] of scenarios) {
  console.log(`\n### ${title}\n`);
  console.log(`| judge | ${RATES.map((r) => `${r} req/s`).join(' | ')} |`);
  console.log(`| --- | ${RATES.map(() => '---').join(' | ')} |`);
  for (const [name, make, planOf] of judges) {
    const cells = RATES.map((rps, k) => {
      const c = run({ ...traffic, rps }, planOf(rps), make, PER_CELL, 1_000_000 * (k + 1));
      const main = kind === 'false' ? c.rolledBack : c.beforeFull;
      const extra = c.paused ? ` (${pct(c.paused, PER_CELL)} paused)` : '';
      return `${pct(main, PER_CELL)}${kind === 'caught' ? `, ${med(c.seconds)}` : ''}${extra}`;
    });
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  }
}

console.log('\n### Canary failing 10 % at 10 req/s: seconds to rollback (goal ≤ 30 s)\n');
console.log('| judge | rolled back | median | p95 | max |\n| --- | --- | --- | --- | --- |');
for (const [name, make, planOf] of judges) {
  const c = run({ ...base, rps: 10, canaryErrorRate: 0.1 }, planOf(10), make, PER_CELL, 9_000_000);
  const s = [...c.seconds].sort((a, b) => a - b);
  const q = (x: number) =>
    s.length ? `${s[Math.min(s.length - 1, Math.floor(x * s.length))]} s` : '–';
  console.log(`| ${name} | ${pct(c.rolledBack, PER_CELL)} | ${med(s)} | ${q(0.95)} | ${q(1)} |`);
}

console.log(
  '\n### Late regression at 10 req/s: clean for 1,500 canary requests, then 5 % errors\n',
);
console.log('| judge | rolled back | median seconds after turning bad |\n| --- | --- | --- |');
for (const [name, make, planOf] of judges) {
  const c = run(
    { ...base, rps: 10, canaryErrorRate: 0.05, badAfterCanaryRequests: 1500 },
    planOf(10),
    make,
    PER_CELL,
    11_000_000,
  );
  console.log(`| ${name} | ${pct(c.rolledBack, PER_CELL)} | ${med(c.seconds)} |`);
}

if (STACK_RUNS > 0) {
  const sized = sizedPlan(10).steps.map((s) => s.min_canary_requests ?? 0);
  const lines = await stackRuns(STACK_RUNS, sized, [
    ['healthy, log-normal σ = 1', { ...base, rps: 10 }],
    ['canary 5 % errors vs stable 1 %', { ...base, rps: 10, canaryErrorRate: 0.05 }],
    ['canary 1.5× slower', { ...base, rps: 10, latencyFactor: 1.5 }],
  ]);
  console.log(lines.join('\n'));
}
