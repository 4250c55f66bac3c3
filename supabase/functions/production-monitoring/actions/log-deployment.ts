import {
  logDeployment,
  loggedDeploymentSchema,
} from '../../../../shared/rollout/log-deployment.ts';
import { defineAction } from '../../_shared/action.ts';
import { actorOf, IGNORED_ACTOR } from '../../_shared/actor.ts';
import { transactional } from '../../_shared/idempotency.ts';

/** The runbook's notification script: `{"action": "log_deployment", "deployment": {...}}`. */
export const logDeploymentAction = defineAction({
  name: 'log_deployment',
  summary: 'Record a deployment made by another tool in the audit log, and track it.',
  access: 'deploy',
  input: {
    deployment: loggedDeploymentSchema,
    actor: IGNORED_ACTOR,
  },
  async handler(input, ctx) {
    const actor = actorOf(ctx.caller);
    return transactional(ctx, `log_deployment:${actor}`, input, (tx) =>
      logDeployment(tx, input.deployment, actor, ctx.caller?.role),
    );
  },
});
