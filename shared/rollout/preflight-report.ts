import { medianBucket } from '../judge/latency.ts';
import {
  canaryRequestsByTime,
  detectableErrorRate,
  requiredCanaryRequests,
  slowShareAtFactor,
  splitSample,
  stablePerCanary,
} from '../judge/preflight.ts';
import { ALPHA_SHARES } from '../judge/settings.ts';
import type { Step } from '../model/step.ts';
import type { Sql } from '../sql/client.ts';
import { selectWindowTotals } from '../sql/telemetry-query.ts';
import { planFor } from '../telemetry/window-query.ts';
import { loadEnvironment } from './environment.ts';
import { stepsFor } from './start-rules.ts';

export interface PreflightInput {
  environment: string;
  steps?: Step[] | undefined;
  /** What the plan should catch with 95 % power: an error rate (percent), a slowdown factor. */
  detect?: { error_rate?: number | undefined; latency_factor?: number | undefined } | undefined;
  as_of?: Date;
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

/**
 * The pre-flight power report: from the environment's last hour of traffic, what the plan as given
 * detects by time alone, and the plan with every step waiting for the canary sample it needs
 * (split by weight so each step lasts about as long) to catch the targets with about 95 % power.
 */
export async function preflightReport(sql: Sql, input: PreflightInput) {
  const env = await loadEnvironment(sql, input.environment);
  const s = env.thresholds;
  const steps = stepsFor('canary', input.steps ?? env.default_steps);
  const plan = planFor({ time_window: '1h', as_of: (input.as_of ?? new Date()).toISOString() });
  const t = await selectWindowTotals(sql, plan, { environment: env.name });
  const rps = t.requests / plan.seconds;
  const stableRate = t.requests ? t.failed / t.requests : 0;
  const ratio = stablePerCanary(steps);
  const targetError = (input.detect?.error_rate ?? s.max_error_rate) / 100;
  const factor = input.detect?.latency_factor ?? 1.5;
  const forErrors = requiredCanaryRequests(
    stableRate,
    targetError,
    s.error_rate_margin / 100,
    s.alpha * ALPHA_SHARES.error_rate_vs_stable,
    ratio,
  );
  const m = medianBucket(t.hist);
  const forLatency =
    m === null
      ? null
      : requiredCanaryRequests(
          slowShareAtFactor(t.hist, m, 1),
          slowShareAtFactor(t.hist, m, factor),
          s.latency_margin / 100,
          s.alpha * ALPHA_SHARES.latency_vs_stable,
          ratio,
        );
  const needed = Math.max(forErrors ?? 0, forLatency ?? 0, s.min_samples);
  const split = splitSample(steps, needed);
  const byTime = canaryRequestsByTime(steps, rps);
  const detectable = detectableErrorRate(stableRate, Math.floor(byTime), s, ratio);
  const sized = steps.map((step, i) => ({
    ...step,
    ...(step.weight < 100 ? { min_canary_requests: split[i] ?? 0 } : {}),
  }));
  const seconds = sized.map((step) =>
    step.weight < 100 && rps > 0
      ? Math.max(
          step.pause_seconds,
          Math.ceil((step.min_canary_requests ?? 0) / (rps * (step.weight / 100))),
        )
      : step.pause_seconds,
  );
  const unreachable =
    forErrors === null
      ? ` (${round(targetError * 100)} % errors is within the margin of the current ${round(stableRate * 100, 2)} %: not a target)`
      : '';
  const summary =
    rps === 0
      ? `no traffic in ${env.name} in the last hour: nothing can be detected; each step will wait for its sample until its deadline`
      : `at ${round(rps, 2)} req/s the plan as given sees ${Math.floor(byTime)} canary requests and detects error rates ≥ ${detectable ?? '—'} % (stable ${round(stableRate * 100, 2)} %) with 95 % power; to catch ${round(targetError * 100)} % errors${forLatency === null ? '' : ` and a ${factor}× slowdown`} it needs ${needed} canary requests: about ${Math.ceil(seconds.reduce((a, b) => a + b, 0) / 60)} minutes with the sized steps${unreachable}`;
  return {
    environment: env.name,
    traffic: {
      requests_per_second: round(rps, 3),
      error_rate: round(stableRate * 100, 3),
      requests_last_hour: t.requests,
    },
    plan_as_given: {
      steps,
      canary_requests_by_time: Math.floor(byTime),
      detectable_error_rate: detectable,
    },
    targets: {
      error_rate: round(targetError * 100, 2),
      latency_factor: factor,
      canary_requests_for_errors: forErrors,
      canary_requests_for_latency: forLatency,
    },
    sized_steps: sized,
    expected_step_seconds: seconds,
    alpha: s.alpha,
    summary,
  };
}
