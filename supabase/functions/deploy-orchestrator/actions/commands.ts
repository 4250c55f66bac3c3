import type { z } from 'zod';
import type { Contract, Encodable } from '../../../../shared/contracts/contract.ts';
import * as contracts from '../../../../shared/contracts/deploy-orchestrator.ts';
import { trafficMoved } from '../../../../shared/rollout/apply-transition.ts';
import { runCommand } from '../../../../shared/rollout/commands.ts';
import type { Command } from '../../../../shared/rollout/state-machine.ts';
import type { DeploymentRow } from '../../../../shared/sql/deployments.ts';
import { defineAction } from '../../_shared/action.ts';
import { actorOf } from '../../_shared/actor.ts';
import { idempotentTransaction } from '../../_shared/idempotency.ts';
import { deploymentView } from './deployment-view.ts';

/** What one command request asks of the state machine. */
interface CommandPlan {
  deploymentId: string;
  command: Command;
  reason?: string;
}

/** A command action: its contract, the plan it reads from the request, the answer it gives. */
function commandAction<
  Name extends string,
  Input extends z.ZodRawShape,
  Response extends z.ZodType,
>(
  contract: Contract<Name, Input, Response>,
  plan: (input: z.infer<z.ZodObject<Input>>) => CommandPlan,
  respond: (d: DeploymentRow) => Encodable<z.infer<Response>>,
) {
  return defineAction(contract, async (input, ctx) => {
    const { deploymentId, command, reason } = plan(input);
    const actor = actorOf(ctx.caller);
    return idempotentTransaction(ctx, `${contract.name}:${actor}`, input, (tx) =>
      runCommand(tx, deploymentId, command, { actor, now: new Date(), reason }).then(respond),
    );
  });
}

export const approve = commandAction(
  contracts.approve,
  (i) => ({ deploymentId: i.deployment_id, command: { type: 'approve' } }),
  deploymentView,
);
export const promote = commandAction(
  contracts.promote,
  (i) => ({ deploymentId: i.deployment_id, command: { type: 'promote', full: i.full } }),
  deploymentView,
);
export const pause = commandAction(
  contracts.pause,
  (i) => ({ deploymentId: i.deployment_id, command: { type: 'pause' } }),
  deploymentView,
);
export const resume = commandAction(
  contracts.resume,
  (i) => ({ deploymentId: i.deployment_id, command: { type: 'resume' } }),
  deploymentView,
);
// A rollback says whether traffic actually moved (provider "none" moves nothing).
export const rollback = commandAction(
  contracts.rollback,
  (i) => ({ deploymentId: i.deployment_id, command: { type: 'rollback' }, reason: i.reason }),
  (d) => ({ ...deploymentView(d), traffic_moved: trafficMoved(d.traffic) }),
);
