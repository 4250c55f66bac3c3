import * as contracts from '../../../../shared/contracts/production-monitoring.ts';
import { logDeployment } from '../../../../shared/rollout/log-deployment.ts';
import { defineAction } from '../../_shared/action.ts';
import { actorOf } from '../../_shared/actor.ts';
import { idempotentTransaction } from '../../_shared/idempotency.ts';

/** The runbook's notification script: `{"action": "log_deployment", "deployment": {...}}`. */
export const logDeploymentAction = defineAction(contracts.logDeployment, async (input, ctx) => {
  const actor = actorOf(ctx.caller);
  return idempotentTransaction(ctx, `log_deployment:${actor}`, input, (tx) =>
    logDeployment(tx, input.deployment, actor, ctx.caller?.role),
  );
});
