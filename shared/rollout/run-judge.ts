import { mergeSpecs } from '../judge/analysis-spec.ts';
import { applyMetricPolicies, type Decided, effectiveMetrics } from '../judge/metric-policy.ts';
import type { AnalysisSpec } from '../model/analysis-spec.ts';
import type { Judgement } from '../model/judgement.ts';
import { insertAnalysisRun } from '../sql/analysis-runs.ts';
import type { Sql } from '../sql/client.ts';
import type { DeploymentRow } from '../sql/deployments.ts';
import { applyTransition } from './apply-transition.ts';
import { judge } from './canary-judge.ts';
import { type Environment, settingsFor } from './environment.ts';
import { gatherEvidence } from './evidence.ts';
import { transition } from './state-machine.ts';

export type Trigger = 'step_timer' | 'telemetry' | 'manual';

export type DecidedJudgement = Judgement & Decided;

/**
 * Gathers a deployment's evidence and judges it with its environment's settings and its spec's
 * per-metric policies. `atDeadline`: the step's deadline has passed, so metrics still without
 * data take their no-data policy instead of waiting.
 */
export async function judgeDeployment(
  tx: Sql,
  deployment: DeploymentRow,
  env: Environment,
  options: { health: boolean; atDeadline?: boolean },
): Promise<DecidedJudgement> {
  const { settings, metrics, custom } = effectiveAnalysis(deployment, env);
  const evidence = await gatherEvidence(tx, deployment, settings, { ...options, custom });
  const directions = {
    error_rate_vs_stable: metrics.error_rate_vs_stable.direction,
    latency_vs_stable: metrics.latency_vs_stable.direction,
    critical_errors: metrics.critical_errors.direction,
  };
  const raw = judge(evidence, settings, directions, custom);
  return applyMetricPolicies(raw, metrics, { atDeadline: options.atDeadline ?? false });
}

/** The audit row's view of a judgement: verdict, every check, and the totals behind them. */
export function judgementMeta(judgement: Judgement, trigger: Trigger, now: Date) {
  return {
    actor: 'rollgate',
    now,
    details: { verdict: judgement.verdict, checks: judgement.checks, trigger },
    performance_metrics: { canary: judgement.summary.canary, stable: judgement.summary.stable },
    health_check_results: {
      health_score: judgement.checks.find((c) => c.name === 'health_score')?.detail ?? null,
      health_checks: judgement.checks.find((c) => c.name === 'health_checks')?.detail ?? null,
    },
  };
}

export function recordJudgement(
  tx: Sql,
  deployment: DeploymentRow,
  j: Judgement,
  trigger: Trigger,
) {
  return insertAnalysisRun(tx, {
    deployment_id: deployment.deployment_id,
    step: deployment.current_step,
    weight: deployment.current_weight,
    trigger,
    judgement: j,
  });
}

/**
 * What a deployment is judged by, as an on-call engineer reads it in get_status: its spec as
 * given, the settings after the environment's defaults, and every metric's effective policies
 * (the environment's default spec, overridden metric by metric by the deployment's).
 */
export function effectiveAnalysis(deployment: DeploymentRow, env: Environment) {
  const spec = specOf(deployment);
  const settings = settingsFor(env, spec);
  const merged = mergeSpecs(env.analysis, spec);
  const metrics = effectiveMetrics(merged, settings);
  return { spec, settings, metrics, custom: merged?.custom_metrics ?? [] };
}

export const specOf = (d: DeploymentRow): AnalysisSpec | null =>
  (d.analysis as AnalysisSpec | null) ?? null;

/**
 * A failed judgement rolls the canary back, whatever its state (progressing, paused, baking) —
 * or, when the failing metrics' `on_failure` is `pause`, pauses a progressing rollout for a human
 * (a paused one stays paused; after 100 % there is nothing to pause, so it rolls back).
 */
export async function rollBackOnFailure(
  tx: Sql,
  deployment: DeploymentRow,
  j: DecidedJudgement,
  trigger: Trigger,
  now: Date,
) {
  await recordJudgement(tx, deployment, j, trigger);
  const reason = `canary analysis failed: ${j.reasons.join('; ')}`;
  const meta = { ...judgementMeta(j, trigger, now), command: 'analysis', reason };
  if (j.action === 'pause' && deployment.status !== 'succeeded') {
    if (deployment.status === 'paused') return deployment;
    return applyTransition(tx, deployment, transition(deployment, { type: 'pause' }), meta);
  }
  return applyTransition(tx, deployment, transition(deployment, { type: 'rollback' }), meta);
}
