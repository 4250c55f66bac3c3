import { runPreDeploymentCheck } from '../../../../shared/checks/pre-deployment.ts';
import { startDeployment } from '../../../../shared/rollout/start-deployment.ts';
import { startDeploymentInput } from '../../../../shared/rollout/start-input.ts';
import { defineAction } from '../../_shared/action.ts';
import { actorOf, IGNORED_ACTOR } from '../../_shared/actor.ts';
import { transactional } from '../../_shared/idempotency.ts';
import { deploymentView } from './deployment-view.ts';

export const startDeploymentAction = defineAction({
  name: 'start_deployment',
  summary:
    'Start a rollout (canary steps or direct) after checking gates, staging, windows, freezes and the database.',
  access: 'deploy',
  input: { ...startDeploymentInput, actor: IGNORED_ACTOR },
  async handler(input, ctx) {
    const actor = actorOf(ctx.caller);
    return transactional(ctx, `start_deployment:${actor}`, input, (tx) =>
      // Environments with a database gate (production) run database-scalability's checks first.
      startDeployment(tx, input, actor, new Date(), (sql) => runPreDeploymentCheck(sql)).then(
        deploymentView,
      ),
    );
  },
});
