import { type AnalysisSpec, applyDryRun } from '../judge/analysis-spec.ts';
import { insertAnalysisRun } from '../sql/analysis-runs.ts';
import type { Sql } from '../sql/client.ts';
import type { DeploymentRow } from '../sql/deployments.ts';
import { applyTransition } from './apply-transition.ts';
import { type Judgement, judge } from './canary-judge.ts';
import { type Environment, settingsFor } from './environment.ts';
import { gatherEvidence } from './evidence.ts';
import { transition } from './state-machine.ts';

export type Trigger = 'step_timer' | 'telemetry' | 'manual';

/** Gathers a deployment's evidence and judges it with its environment's settings. */
export async function judgeDeployment(
  tx: Sql,
  d: DeploymentRow,
  env: Environment,
  options: { health: boolean },
): Promise<Judgement> {
  const spec = specOf(d);
  const settings = settingsFor(env, spec);
  const evidence = await gatherEvidence(tx, d, settings, options);
  return applyDryRun(judge(evidence, settings), spec);
}

/** The audit row's view of a judgement: verdict, every check, and the totals behind them. */
export function judgementMeta(j: Judgement, trigger: Trigger, now: Date) {
  return {
    actor: 'rollgate',
    now,
    details: { verdict: j.verdict, checks: j.checks, trigger },
    performance_metrics: { canary: j.summary.canary, stable: j.summary.stable },
    health_check_results: {
      health_score: j.checks.find((c) => c.name === 'health_score')?.detail ?? null,
      health_checks: j.checks.find((c) => c.name === 'health_checks')?.detail ?? null,
    },
  };
}

export function recordJudgement(tx: Sql, d: DeploymentRow, j: Judgement, trigger: Trigger) {
  return insertAnalysisRun(tx, {
    deployment_id: d.deployment_id,
    step: d.current_step,
    weight: d.current_weight,
    trigger,
    judgement: j,
  });
}

export const specOf = (d: DeploymentRow): AnalysisSpec | null =>
  (d.analysis as AnalysisSpec | null) ?? null;

/**
 * A failed judgement rolls the canary back, whatever its state (progressing, paused, baking) —
 * or, when its spec says `on_failure: "pause"`, pauses a progressing rollout for a human (a
 * paused one stays paused; after 100 % there is nothing to pause, so it rolls back).
 */
export async function rollBackOnFailure(
  tx: Sql,
  d: DeploymentRow,
  j: Judgement,
  trigger: Trigger,
  now: Date,
) {
  await recordJudgement(tx, d, j, trigger);
  const reason = `canary analysis failed: ${j.reasons.join('; ')}`;
  const meta = { ...judgementMeta(j, trigger, now), command: 'analysis', reason };
  if (specOf(d)?.on_failure === 'pause' && d.status !== 'succeeded') {
    if (d.status === 'paused') return d;
    return applyTransition(tx, d, transition(d, { type: 'pause' }), meta);
  }
  return applyTransition(tx, d, transition(d, { type: 'rollback' }), meta);
}
