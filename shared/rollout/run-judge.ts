import { insertAnalysisRun } from '../sql/analysis-runs.ts';
import type { Sql } from '../sql/client.ts';
import type { DeploymentRow } from '../sql/deployments.ts';
import { applyTransition } from './apply-transition.ts';
import { type Judgement, judge } from './canary-judge.ts';
import type { Environment } from './environment.ts';
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
  const evidence = await gatherEvidence(tx, d, env.thresholds, options);
  return judge(evidence, env.thresholds);
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

/** A failed judgement rolls the canary back, whatever its state (progressing, paused, baking). */
export async function rollBackOnFailure(
  tx: Sql,
  d: DeploymentRow,
  j: Judgement,
  trigger: Trigger,
  now: Date,
) {
  await recordJudgement(tx, d, j, trigger);
  return applyTransition(tx, d, transition(d, { type: 'rollback' }), {
    ...judgementMeta(j, trigger, now),
    command: 'analysis',
    reason: `canary analysis failed: ${j.reasons.join('; ')}`,
  });
}
