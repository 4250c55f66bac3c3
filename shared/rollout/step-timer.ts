import type { RolloutStepJob } from '../jobs/queues.ts';
import { insertAnalysisRun } from '../sql/analysis-runs.ts';
import type { Sql } from '../sql/client.ts';
import { lockDeployment, updateDeployment } from '../sql/deployments.ts';
import { applyTransition, armStepTimer } from './apply-transition.ts';
import { judge } from './canary-judge.ts';
import { loadEnvironment } from './environment.ts';
import { gatherEvidence } from './evidence.ts';
import { transition } from './state-machine.ts';

/** How long an inconclusive step waits before it is judged again. */
export function holdSeconds(pauseSeconds: number): number {
  return Math.min(60, Math.max(1, Math.round(pauseSeconds / 5)));
}

/**
 * A step's pause is over: judge the canary. Pass advances, fail rolls back, inconclusive holds the
 * step and judges again later, until the progress deadline fails it. A stale timer (the rollout
 * moved on, was paused or re-armed) does nothing, so a retried job never acts twice.
 */
export async function onStepTimer(tx: Sql, job: RolloutStepJob, now: Date) {
  const [d] = await lockDeployment(tx, job.deployment_id);
  if (d?.status !== 'progressing' || d.current_step !== job.step || d.step_arm !== job.arm) {
    return { outcome: 'stale' as const };
  }
  const env = await loadEnvironment(tx, d.environment);
  const evidence = await gatherEvidence(tx, d, now, { health: true });
  const judgement = judge(evidence, env.thresholds);
  await insertAnalysisRun(tx, {
    deployment_id: d.deployment_id,
    step: d.current_step,
    weight: d.current_weight,
    trigger: 'step_timer',
    judgement,
    evidence,
  });
  const meta = {
    actor: 'rollgate',
    now,
    details: { verdict: judgement.verdict, checks: judgement.checks },
    performance_metrics: { canary: evidence.canary, stable: evidence.stable },
    health_check_results: {
      health_score: evidence.health,
      open_incidents: evidence.open_incidents,
    },
  };

  if (judgement.verdict === 'pass') {
    await applyTransition(tx, d, transition(d, { type: 'advance' }), {
      ...meta,
      command: 'analysis',
    });
    return { outcome: 'advanced' as const, judgement };
  }
  if (judgement.verdict === 'fail') {
    await applyTransition(tx, d, transition(d, { type: 'rollback' }), {
      ...meta,
      command: 'analysis',
      reason: `canary analysis failed: ${judgement.reasons.join('; ')}`,
    });
    return { outcome: 'rolled_back' as const, judgement };
  }
  const stepStarted = (d.step_started_at ?? d.started_at).getTime();
  const deadline =
    stepStarted +
    ((d.steps[d.current_step]?.pause_seconds ?? 0) + env.progress_deadline_seconds) * 1000;
  if (now.getTime() >= deadline || d.inconclusive_holds >= env.max_inconclusive_holds) {
    const reason = `progress deadline exceeded: step ${d.current_step} stayed inconclusive (${judgement.checks
      .filter((c) => c.verdict === 'inconclusive')
      .map((c) => c.detail)
      .join('; ')})`;
    await applyTransition(tx, d, transition(d, { type: 'fail' }), {
      ...meta,
      command: 'analysis',
      reason,
    });
    return { outcome: 'failed' as const, judgement };
  }
  const [held] = await updateDeployment(tx, d.deployment_id, {
    status: d.status,
    current_step: d.current_step,
    current_weight: d.current_weight,
    step_started_at: d.step_started_at,
    completed_at: null,
    inconclusive_holds: d.inconclusive_holds + 1,
    step_arm: d.step_arm + 1,
  });
  if (held)
    await armStepTimer(tx, held, now, holdSeconds(d.steps[d.current_step]?.pause_seconds ?? 0));
  return { outcome: 'held' as const, judgement };
}
