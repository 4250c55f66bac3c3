/**
 * The simulated traffic and the three judges of bench/judge.ts: a rollout is played in 10-second
 * batches (Poisson arrivals, binomial failures, log-normal latencies into the rollups' histogram
 * layout); each judge sees the same kind of evidence the real one does.
 */

import type {
  DeploymentEvidence,
  MinuteSlice,
  VariantSlice,
} from '../shared/judge/evidence-types.ts';
import { DEFAULT_JUDGE_SETTINGS } from '../shared/judge/settings.ts';
import { judge } from '../shared/rollout/canary-judge.ts';
import { addSample, percentile } from '../shared/telemetry/histogram.ts';
import { mulberry32 } from './seeded-random.ts';

export interface Traffic {
  rps: number;
  stableErrorRate: number;
  canaryErrorRate: number;
  /** Canary latency = stable latency × factor. */
  latencyFactor: number;
  /** Log-normal σ of latency. */
  sigma: number;
  medianMs: number;
  /** The canary turns bad (canaryErrorRate) only after this many canary requests. */
  badAfterCanaryRequests?: number;
}

export interface PlanStep {
  weight: number;
  pause_seconds: number;
  min_canary_requests?: number;
}

export interface Plan {
  steps: PlanStep[];
  /** After the pause, how long a step may wait for its sample (then: paused for a human). */
  deadline_seconds: number;
  bake_seconds: number;
}

export type Outcome = {
  result: 'rolled_back' | 'shipped' | 'paused_for_human';
  /** Rolled back before the last step (100 %). */
  beforeFull: boolean;
  /** Seconds from the start (or from turning bad) to the rollback. */
  seconds: number;
  canaryRequests: number;
};

/** A seeded generator (mulberry32) with normal draws, so every judge replays the same traffic. */
export function rng(seed: number) {
  const next = mulberry32(seed);
  let spare: number | null = null;
  const gauss = () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = next() || 1e-12;
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  const poisson = (mean: number) => {
    if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss()));
    const l = Math.exp(-mean);
    let k = 0;
    let p = 1;
    do {
      k += 1;
      p *= next();
    } while (p > l);
    return k - 1;
  };
  return { next, gauss, poisson };
}

export type Rng = ReturnType<typeof rng>;

const slice = (): VariantSlice => ({ requests: 0, failed: 0, critical: 0, hist: [] });

export function baselineHist(t: Traffic, r: Rng, n = 4000): number[] {
  const h: number[] = [];
  for (let i = 0; i < n; i++) addSample(h, t.medianMs * Math.exp(t.sigma * r.gauss()));
  return h;
}

/** The environment's hour before the deployment: stable traffic only. */
export function baselineOf(t: Traffic, r: Rng) {
  const hist = baselineHist(t, r);
  const requests = Math.min(Math.round(3600 * t.rps), 100_000);
  let failed = 0;
  for (let i = 0; i < requests; i++) if (r.next() < t.stableErrorRate) failed += 1;
  return { requests, failed, hist };
}

/** What a judge is asked after each batch and at each step timer. */
export interface JudgeModel {
  name: string;
  /** After every batch: roll back now? */
  look(view: RolloutView): boolean;
  /** At the step timer (pause over): may the step advance? (false: hold, look again in 60 s) */
  mayAdvance(view: RolloutView, step: PlanStep, stepCanary: number): boolean;
  /** Whether the judge keeps watching after 100 %. */
  bakes: boolean;
}

export interface RolloutView {
  evidence: DeploymentEvidence;
  /** The minute that just ended, when a batch closed one (interval judges look then). */
  closedMinute: MinuteSlice | null;
  minuteIndex: number;
}

const T0 = Date.parse('2026-01-01T00:00:00Z');

/** Plays one rollout for one judge. */
export function playRollout(t: Traffic, plan: Plan, j: JudgeModel, seed: number): Outcome {
  const r = rng(seed);
  const evidence: DeploymentEvidence = {
    slices: [],
    baseline: baselineOf(t, r),
    health: null,
    incidents: { since_start: 0, before_start: 0 },
  };
  const last = plan.steps.length - 1;
  let step = 0;
  let stepStart = 0;
  let nextTimer = plan.steps[0]?.pause_seconds ?? 0;
  let stepCanary = 0;
  let canaryTotal = 0;
  let badSince: number | null = t.badAfterCanaryRequests ? null : 0;
  let fullAt: number | null = null;
  let current: MinuteSlice | null = null;
  for (let time = 0; ; time += 10) {
    const weight = (plan.steps[step]?.weight ?? 100) / 100;
    const minute = Math.floor(time / 60);
    let closed: MinuteSlice | null = null;
    if (!current || Date.parse(current.at) !== T0 + minute * 60_000) {
      closed = current;
      current = {
        at: new Date(T0 + minute * 60_000).toISOString(),
        canary: slice(),
        stable: slice(),
      };
      evidence.slices.push(current);
    }
    const n = r.poisson(10 * t.rps);
    for (let i = 0; i < n; i++) {
      const isCanary = r.next() < weight;
      if (isCanary && badSince === null && canaryTotal >= (t.badAfterCanaryRequests ?? 0))
        badSince = time;
      const bad = isCanary && badSince !== null;
      const errorRate = bad ? t.canaryErrorRate : t.stableErrorRate;
      const v = isCanary ? current.canary : current.stable;
      v.requests += 1;
      if (r.next() < errorRate) v.failed += 1;
      const factor = isCanary ? t.latencyFactor : 1;
      addSample(v.hist, t.medianMs * factor * Math.exp(t.sigma * r.gauss()));
      if (isCanary) {
        canaryTotal += 1;
        stepCanary += 1;
      }
    }
    const now = time + 10;
    const since = badSince ?? now;
    if (j.look({ evidence, closedMinute: closed, minuteIndex: minute }))
      return {
        result: 'rolled_back',
        beforeFull: fullAt === null,
        seconds: now - since,
        canaryRequests: canaryTotal,
      };
    if (fullAt !== null) {
      if (!j.bakes || now - fullAt >= plan.bake_seconds)
        return { result: 'shipped', beforeFull: false, seconds: now, canaryRequests: canaryTotal };
      continue;
    }
    if (now < nextTimer) continue;
    const s = plan.steps[step] as PlanStep;
    if (j.mayAdvance({ evidence, closedMinute: null, minuteIndex: minute }, s, stepCanary)) {
      step += 1;
      stepCanary = 0;
      stepStart = now;
      nextTimer = now + (plan.steps[step]?.pause_seconds ?? 0);
      if (step === last) fullAt = now;
    } else if (now - stepStart >= s.pause_seconds + plan.deadline_seconds) {
      return {
        result: 'paused_for_human',
        beforeFull: true,
        seconds: now,
        canaryRequests: canaryTotal,
      };
    } else nextTimer = now + 60;
  }
}

/** Rollgate: the real judge() after every batch; a step advances on pass and its sample. */
export const rollgateJudge = (settings = DEFAULT_JUDGE_SETTINGS): JudgeModel => ({
  name: 'rollgate (sequential)',
  bakes: true,
  look: (v) => judge(v.evidence, settings).verdict === 'fail',
  mayAdvance: (v, step, stepCanary) =>
    judge(v.evidence, settings).verdict === 'pass' && stepCanary >= (step.min_canary_requests ?? 0),
});

/**
 * Flagger-style (interval × threshold): every 1-minute interval checks the canary's error rate
 * (≤ 2 %, the seed's canary-watch limit) and its p95 (≤ 200 % of the stable's in the interval);
 * `threshold` failed checks roll back. Advances on time; stops analysing at promotion.
 */
export const intervalJudge = (name: string, failuresToRollback: number): JudgeModel => {
  let failed = 0;
  let lastMinute = -1;
  return {
    name,
    bakes: false,
    look: (v) => {
      const m = v.closedMinute;
      if (!m || v.minuteIndex === lastMinute) return false;
      lastMinute = v.minuteIndex;
      const c = m.canary;
      const errorBad = c.requests === 0 || c.failed / c.requests > 0.02;
      const stableP95 = percentile(m.stable.hist, 0.95);
      const latencyBad =
        c.requests > 0 && stableP95 > 0 && percentile(c.hist, 0.95) > 2 * stableP95;
      if (errorBad || latencyBad) failed += 1;
      return failed >= failuresToRollback;
    },
    mayAdvance: () => true,
  };
};

/** Flagger's documented defaults: interval 1m, threshold 5 failed checks. */
export const flaggerJudge = () => intervalJudge('flagger-style (1m × threshold 5)', 5);
/** Argo Rollouts AnalysisRun: interval 1m, failureLimit 3 (fails on the 4th failed measurement). */
export const argoJudge = () => intervalJudge('argo-style (1m, failureLimit 3)', 4);
