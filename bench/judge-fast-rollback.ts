/**
 * Issue 13's goal "a canary failing 10 % at 10 req/s rolled back within 30 s", explored (see
 * BENCHMARKS.md): the real judge() on the simulated rollouts of bench/judge-sim.ts under other α
 * shares, and the bound no valid test comparing with the concurrent stable can beat.
 * Run: node --import tsx bench/judge-fast-rollback.ts [rollouts=200]
 */
import { ALPHA_SHARES } from '../shared/judge/settings.ts';
import { type Plan, playRollout, rollgateJudge, type Traffic } from './judge-sim.ts';

const N = Number(process.argv[2] ?? 200);
const traffic: Traffic = {
  stableErrorRate: 0.01,
  canaryErrorRate: 0.1,
  latencyFactor: 1,
  sigma: 1,
  medianMs: 100,
  rps: 10,
};
const plan = (firstWeight: number): Plan => ({
  steps: [
    { weight: firstWeight, pause_seconds: 300 },
    { weight: Math.max(50, firstWeight), pause_seconds: 300 },
    { weight: 100, pause_seconds: 0 },
  ],
  deadline_seconds: 3600,
  bake_seconds: 600,
});

function seconds(p: Plan): string {
  const s: number[] = [];
  for (let i = 0; i < N; i++) {
    const o = playRollout(traffic, p, rollgateJudge(), 9_000_000 + i);
    if (o.result === 'rolled_back') s.push(o.seconds);
  }
  s.sort((a, b) => a - b);
  const q = (x: number) => s[Math.min(s.length - 1, Math.floor(x * s.length))];
  const within = s.filter((x) => x <= 30).length;
  return `${s.length}/${N} | ${q(0.5)} s | ${q(0.95)} s | ${((100 * within) / N).toFixed(1)} %`;
}

const DEFAULT = { ...ALPHA_SHARES };
const variants: Array<[string, Partial<Record<keyof typeof ALPHA_SHARES, number>>]> = [
  ['default shares (error_rate_vs_stable 0.4)', {}],
  [
    'error_rate_vs_stable 0.55, latency 0.2, late 0.1',
    { error_rate_vs_stable: 0.55, latency_vs_stable: 0.2, late_regression: 0.1 },
  ],
];
console.log('| α shares | first step | rolled back | median | p95 | within 30 s |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [name, shares] of variants) {
  Object.assign(ALPHA_SHARES, DEFAULT, shares);
  for (const w of [25, 50]) console.log(`| ${name} | ${w} % | ${seconds(plan(w))} |`);
}
Object.assign(ALPHA_SHARES, DEFAULT);

// The bound: for any e-value E of the null (canary ≤ stable + 0.5 points) and any rates q in it,
// E_alt[ln E] ≤ KL(alt ‖ q) (Gibbs: E_q[E] ≤ 1). So no valid test, however clever, has a larger
// expected ln e-value than the smallest KL divergence from the true rates (10 %, 1 %) to the null.
const kl = (p: number, q: number) => p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q));
function bound(nc: number, ns: number) {
  let best = Number.POSITIVE_INFINITY;
  for (let ps = 1e-5; ps < 0.99; ps += 1e-5)
    best = Math.min(best, nc * kl(0.1, ps + 0.005) + ns * kl(0.01, ps));
  return best;
}
const need = Math.log(1 / (0.005 * ALPHA_SHARES.error_rate_vs_stable));
console.log('\n| seconds | canary, stable requests | bound on E[ln e], 25 % | 50 % | needed |');
console.log('| --- | --- | --- | --- | --- |');
for (const t of [20, 30, 40, 50]) {
  console.log(
    `| ${t} | ${2.5 * t}, ${7.5 * t} | ${bound(2.5 * t, 7.5 * t).toFixed(2)} | ${bound(5 * t, 5 * t).toFixed(2)} | ${need.toFixed(2)} (all of α: ${Math.log(200).toFixed(2)}) |`,
  );
}
