import { runPreDeploymentCheck } from '../../../../shared/checks/pre-deployment.ts';
import * as contracts from '../../../../shared/contracts/deploy-orchestrator.ts';
import { startDeployment } from '../../../../shared/rollout/start-deployment.ts';
import { defineAction } from '../../_shared/action.ts';
import { actorOf } from '../../_shared/actor.ts';
import { idempotentTransaction } from '../../_shared/idempotency.ts';
import { deploymentView } from './deployment-view.ts';

export const startDeploymentAction = defineAction(contracts.startDeployment, async (input, ctx) => {
  const actor = actorOf(ctx.caller);
  return idempotentTransaction(ctx, `start_deployment:${actor}`, input, (tx) =>
    // Environments with a database gate (production) run database-scalability's checks first.
    startDeployment(tx, input, actor, new Date(), (sql) => runPreDeploymentCheck(sql)).then(
      deploymentView,
    ),
  );
});
