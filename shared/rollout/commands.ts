import { AppError } from '../app-error.ts';
import type { Sql } from '../sql/client.ts';
import { type DeploymentRow, lockDeployment, selectSuccessor } from '../sql/deployments.ts';
import { applyTransition } from './apply-transition.ts';
import { loadEnvironment } from './environment.ts';
import { judgeDeployment } from './run-judge.ts';
import { type Command, transition } from './state-machine.ts';

export async function lockExisting(tx: Sql, id: string): Promise<DeploymentRow> {
  const [d] = await lockDeployment(tx, id);
  if (!d) throw new AppError(404, 'not_found', `deployment ${id} does not exist`);
  return d;
}

/**
 * A rollback acts on what is live now: a deployment another has replaced in its environment is no
 * longer live, and rolling it back would move traffic under the successor's feet.
 */
async function refuseSuperseded(tx: Sql, deployment: DeploymentRow) {
  if (deployment.status !== 'succeeded') return;
  const successor = await selectSuccessor(tx, deployment);
  if (successor)
    throw new AppError(
      409,
      'superseded',
      `${deployment.deployment_id} is no longer live: ${successor.deployment_id} (${successor.version}) replaced it and is ${successor.status}; roll that one back instead`,
      { details: { superseded_by: successor.deployment_id, status: successor.status } },
    );
}

/**
 * `promote` skips waiting, not judging: the canary is judged on everything so far, and a failing
 * verdict refuses the promotion (409, nothing written; the failure itself rolls back through the
 * telemetry that proves it). An inconclusive verdict is the operator's call and is recorded.
 */
async function askJudge(tx: Sql, deployment: DeploymentRow, now: Date) {
  if (deployment.strategy !== 'canary') return null;
  const env = await loadEnvironment(tx, deployment.environment);
  const j = await judgeDeployment(tx, deployment, env, { health: true });
  if (j.verdict === 'fail')
    throw new AppError(
      409,
      'analysis_failed',
      `cannot promote ${deployment.deployment_id}: canary analysis fails (${j.reasons.join('; ')})`,
      { details: { verdict: j.verdict, checks: j.checks, judged_at: now.toISOString() } },
    );
  return j;
}

/**
 * An operator's command (approve, promote, pause, resume, rollback) on one rollout, under its row
 * lock: concurrent commands are serialised and each sees the state the previous one left.
 */
export async function runCommand(
  tx: Sql,
  id: string,
  command: Command,
  meta: { actor: string; now: Date; reason?: string | undefined },
): Promise<DeploymentRow> {
  const d = await lockExisting(tx, id);
  if (
    command.type === 'approve' &&
    d.status === 'pending_approval' &&
    meta.actor === d.deployed_by
  ) {
    throw new AppError(
      422,
      'approval_by_deployer',
      `${meta.actor} deployed ${id} and cannot approve it; another person must`,
      {
        details: { status: d.status, deployed_by: d.deployed_by },
      },
    );
  }
  if (command.type === 'rollback' && d.strategy === 'external') {
    throw new AppError(
      422,
      'not_orchestrated',
      `${id} was logged by another tool; roll it back there and log the result`,
    );
  }
  if (command.type === 'rollback') await refuseSuperseded(tx, d);
  const t = transition(d, command);
  const asked = command.type === 'promote' ? await askJudge(tx, d, meta.now) : null;
  return applyTransition(tx, d, t, {
    command: command.type,
    actor: meta.actor,
    now: meta.now,
    reason: meta.reason,
    approved: command.type === 'approve',
    ...(asked ? { details: { verdict: asked.verdict, checks: asked.checks } } : {}),
  });
}
