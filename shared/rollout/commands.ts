import { AppError } from '../app-error.ts';
import type { Sql } from '../sql/client.ts';
import { type DeploymentRow, lockDeployment } from '../sql/deployments.ts';
import { applyTransition } from './apply-transition.ts';
import { type Command, transition } from './state-machine.ts';

export async function lockExisting(tx: Sql, id: string): Promise<DeploymentRow> {
  const [d] = await lockDeployment(tx, id);
  if (!d) throw new AppError(404, 'not_found', `deployment ${id} does not exist`);
  return d;
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
  const t = transition(d, command);
  return applyTransition(tx, d, t, {
    command: command.type,
    actor: meta.actor,
    now: meta.now,
    reason: meta.reason,
    approved: command.type === 'approve',
  });
}
