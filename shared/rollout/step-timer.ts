import { isTrafficCheck } from '../model/check-catalog.ts';
import type { RolloutStepJob } from '../queue/queues.ts';
import type { Sql } from '../sql/client.ts';
import { type DeploymentRow, lockDeployment, updateDeployment } from '../sql/deployments.ts';
import { applyTransition, armStepTimer } from './apply-transition.ts';
import { type Environment, loadEnvironment, settingsFor } from './environment.ts';
import {
  effectiveAnalysis,
  judgeDeployment,
  judgementMeta,
  recordJudgement,
  rollBackOnFailure,
  specOf,
} from './run-judge.ts';
import { transition } from './state-machine.ts';

/** Whether every live traffic metric of the deployment passes without data. */
function passesWithoutData(deployment: DeploymentRow, env: Environment): boolean {
  const { metrics } = effectiveAnalysis(deployment, env);
  return Object.entries(metrics)
    .filter(([name]) => isTrafficCheck(name))
    .every(([, m]) => m.dry_run || m.no_data === 'pass');
}

/** How long a held step waits before it is judged again. */
export function holdSeconds(pauseSeconds: number): number {
  return Math.min(60, Math.max(1, Math.round(pauseSeconds / 5)));
}

/**
 * A step's pause is over: judge the canary. Fail rolls back. Pass advances once the step also has
 * the canary requests its plan asks for (`min_canary_requests`, sized by the pre-flight);
 * otherwise the step holds and is judged again. At the deadline (pause + time spent paused +
 * the environment's progress deadline) a step still short of its sample pauses for a human, and
 * one still inconclusive fails; metrics without data take their no-data policy there
 * (judge/metric-policy.ts). A stale timer (the rollout moved on, was paused or re-armed) does
 * nothing, so a retried job never acts twice.
 */
export async function onStepTimer(tx: Sql, job: RolloutStepJob, now: Date) {
  const [d] = await lockDeployment(tx, job.deployment_id);
  if (d?.status !== 'progressing' || d.current_step !== job.step || d.step_arm !== job.arm) {
    return { outcome: 'stale' as const };
  }
  const env = await loadEnvironment(tx, d.environment);
  const step = d.steps[d.current_step];
  const stepStarted = (d.step_started_at ?? d.started_at).getTime();
  const deadline =
    stepStarted +
    ((step?.pause_seconds ?? 0) + d.step_paused_seconds + env.progress_deadline_seconds) * 1000;
  // The deadline, or as many inconclusive holds as the environment allows: no step waits forever.
  const atDeadline =
    now.getTime() >= deadline || d.inconclusive_holds >= env.max_inconclusive_holds;
  const judgement = await judgeDeployment(tx, d, env, { health: true, atDeadline });
  if (judgement.verdict === 'fail') {
    const after = await rollBackOnFailure(tx, d, judgement, 'step_timer', now);
    return {
      outcome: after.status === 'paused' ? ('paused' as const) : ('rolled_back' as const),
      judgement,
    };
  }
  await recordJudgement(tx, d, judgement, 'step_timer');
  const meta = { ...judgementMeta(judgement, 'step_timer', now), command: 'analysis' };
  // Every step needs its own sample (B1): by default the environment's minimum, counted exactly —
  // unless every live traffic metric passes without data (its no-data policy says so).
  const needed = passesWithoutData(d, env)
    ? 0
    : (step?.min_canary_requests ?? settingsFor(env, specOf(d)).min_samples);
  const have = Number(d.step_canary_requests);
  if (judgement.verdict === 'pass' && have >= needed) {
    await applyTransition(tx, d, transition(d, { type: 'advance' }), meta);
    return { outcome: 'advanced' as const, judgement };
  }
  const waitingForSample = judgement.verdict === 'pass';
  if (waitingForSample && atDeadline) {
    const reason = `step ${d.current_step} has ${have} of the ${needed} canary requests its plan needs by the deadline; paused for a human (promote, resume or roll back)`;
    await applyTransition(tx, d, transition(d, { type: 'pause' }), { ...meta, reason });
    return { outcome: 'paused' as const, judgement };
  }
  if (!waitingForSample && atDeadline) {
    const reason = `progress deadline exceeded: step ${d.current_step} stayed inconclusive (${judgement.checks
      .filter((c) => c.verdict === 'inconclusive')
      .map((c) => c.detail)
      .join('; ')})`;
    await applyTransition(tx, d, transition(d, { type: 'fail' }), { ...meta, reason });
    return { outcome: 'failed' as const, judgement };
  }
  const [held] = await updateDeployment(tx, d.deployment_id, {
    status: d.status,
    current_step: d.current_step,
    current_weight: d.current_weight,
    step_started_at: d.step_started_at,
    completed_at: null,
    inconclusive_holds: d.inconclusive_holds + (waitingForSample ? 0 : 1),
    step_arm: d.step_arm + 1,
  });
  if (held) await armStepTimer(tx, held, now, holdSeconds(step?.pause_seconds ?? 0));
  return { outcome: 'held' as const, judgement };
}
