import { enqueueNotifications } from '../notifications/enqueue.ts';
import { QUEUES, type RolloutStepJob, type TrafficWebhookJob } from '../queue/queues.ts';
import { sendJob } from '../queue/send-job.ts';
import type { Sql } from '../sql/client.ts';
import { insertAudit } from '../sql/deployment-audit.ts';
import { type DeploymentRow, selectStableVersion, updateDeployment } from '../sql/deployments.ts';
import { setFlagWeight } from '../sql/feature-flags.ts';
import type { Transition } from './state-machine.ts';

export interface TransitionMeta {
  command: string;
  actor: string;
  now: Date;
  reason?: string | undefined;
  /** Evidence and anything else worth keeping with the audit row. */
  details?: Record<string, unknown>;
  performance_metrics?: unknown;
  health_check_results?: unknown;
  approved?: boolean;
}

/**
 * Carries out one transition inside the caller's transaction: the deployment row, one audit row,
 * the traffic change (the flag in this very transaction; a webhook as a queued job) and the next
 * step timer. Everything commits together or not at all, so nothing happens twice.
 */
export async function applyTransition(
  tx: Sql,
  d: DeploymentRow,
  t: Transition,
  meta: TransitionMeta,
): Promise<DeploymentRow> {
  const enteredStep =
    t.current_step !== d.current_step ||
    (t.status === 'progressing' && d.status === 'pending_approval');
  const rollingBack = t.status === 'rolled_back';
  const pausedFor =
    t.event === 'resumed' && d.paused_at
      ? Math.max(0, Math.round((meta.now.getTime() - d.paused_at.getTime()) / 1000))
      : 0;
  // Rolled back to what is live now: the service's last succeeded deployment, not the one
  // recorded at start (another may have succeeded and been rolled back since).
  const rollbackTarget = rollingBack ? await selectStableVersion(tx, d, d.deployment_id) : null;
  const [updated] = await updateDeployment(tx, d.deployment_id, {
    status: t.status,
    current_step: t.current_step,
    current_weight: t.current_weight,
    step_started_at: enteredStep || d.step_started_at === null ? meta.now : d.step_started_at,
    completed_at: t.terminal ? meta.now : null,
    inconclusive_holds: enteredStep ? 0 : d.inconclusive_holds,
    step_arm: t.armStep ? d.step_arm + 1 : d.step_arm,
    ...(enteredStep ? { step_canary_requests: 0, step_paused_seconds: 0 } : {}),
    ...(t.event === 'paused' ? { paused_at: meta.now } : {}),
    ...(t.event === 'resumed' || enteredStep || t.terminal ? { paused_at: null } : {}),
    ...(pausedFor ? { step_paused_seconds: d.step_paused_seconds + pausedFor } : {}),
    ...(meta.approved ? { approved_by: meta.actor, approved_at: meta.now } : {}),
    ...(rollingBack
      ? { rollback_reason: meta.reason ?? null, previous_version: rollbackTarget }
      : {}),
    ...(t.status === 'failed' ? { error_message: meta.reason ?? null } : {}),
  });
  const next = updated as DeploymentRow;
  const [audit] = await insertAudit(tx, {
    deployment_id: next.deployment_id,
    environment: next.environment,
    deployment_type: next.deployment_type,
    git_commit_hash: next.git_commit_hash,
    git_branch: next.git_branch,
    deployed_by: next.deployed_by,
    deployment_status: next.status,
    started_at: next.started_at,
    completed_at: next.completed_at,
    error_message: next.error_message,
    rollback_reason: next.rollback_reason,
    health_check_results: meta.health_check_results ?? null,
    performance_metrics: meta.performance_metrics ?? null,
    event: t.event,
    source: 'orchestrator',
    details: {
      command: meta.command,
      actor: meta.actor,
      step: next.current_step,
      weight: next.current_weight,
      version: next.version,
      ...(rollingBack
        ? { rollback_target: rollbackTarget, traffic_moved: trafficMoved(next.traffic) }
        : {}),
      ...(meta.reason ? { reason: meta.reason } : {}),
      ...meta.details,
    },
  });
  if (next.current_weight !== d.current_weight) {
    await setTraffic(tx, next, audit?.id ?? 0);
  }
  if (t.armStep) await armStepTimer(tx, next, meta.now, remainingPause(next, meta.now));
  await enqueueNotifications(tx, next, t.event, audit?.id ?? 0, meta.now);
  return next;
}

/**
 * Whether a rollback moved traffic: a flag moves in this transaction, a webhook is queued (the
 * audit shows its delivery), and with no provider nothing moved — say so rather than pretend.
 */
export function trafficMoved(traffic: DeploymentRow['traffic']): 'moved' | 'queued' | 'not_moved' {
  if (traffic.provider === 'feature_flag') return 'moved';
  if (traffic.provider === 'webhook') return 'queued';
  return 'not_moved';
}

/**
 * What is left of the current step's pause: a resume waits only the part of the pause not yet
 * spent progressing, so pausing and resuming never restarts it.
 */
export function remainingPause(deployment: DeploymentRow, now: Date): number {
  const pause = deployment.steps[deployment.current_step]?.pause_seconds ?? 0;
  const started = (deployment.step_started_at ?? now).getTime();
  const progressed = (now.getTime() - started) / 1000 - deployment.step_paused_seconds;
  return Math.max(0, Math.ceil(pause - progressed));
}

async function setTraffic(tx: Sql, deployment: DeploymentRow, auditId: number) {
  if (deployment.traffic.provider === 'feature_flag')
    await setFlagWeight(
      tx,
      deployment.traffic.flag,
      deployment.environment,
      deployment.current_weight,
    );
  if (deployment.traffic.provider === 'webhook') {
    const job: TrafficWebhookJob = {
      deployment_id: deployment.deployment_id,
      environment: deployment.environment,
      weight: deployment.current_weight,
      url: deployment.traffic.url,
      audit_id: auditId,
    };
    await sendJob(tx, QUEUES.trafficWebhook, job, {
      singletonKey: `${deployment.deployment_id}:${auditId}`,
      retryLimit: 3,
      retryDelay: 1,
      retryBackoff: true,
    });
  }
}

/** The step's pause, waited out on a pg-boss job; the arm number makes older timers stale. */
export async function armStepTimer(
  tx: Sql,
  deployment: DeploymentRow,
  now: Date,
  afterSeconds?: number,
) {
  const pause = afterSeconds ?? deployment.steps[deployment.current_step]?.pause_seconds ?? 0;
  const job: RolloutStepJob = {
    deployment_id: deployment.deployment_id,
    step: deployment.current_step,
    arm: deployment.step_arm,
  };
  await sendJob(tx, QUEUES.rolloutStep, job, {
    startAfter: new Date(now.getTime() + pause * 1000),
    singletonKey: `${deployment.deployment_id}:${deployment.current_step}:${deployment.step_arm}`,
  });
}
