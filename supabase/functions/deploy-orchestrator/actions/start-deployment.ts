import { z } from 'zod';
import {
  startDeployment,
  startDeploymentInput,
} from '../../../../shared/rollout/start-deployment.ts';
import { defineAction } from '../../_shared/action.ts';
import { actorOf } from '../../_shared/actor.ts';
import { transactional } from '../../_shared/idempotency.ts';
import { deploymentView } from './deployment-view.ts';

export const startDeploymentAction = defineAction({
  name: 'start_deployment',
  summary:
    'Start a rollout (canary steps or direct) after checking gates, staging, windows and freezes.',
  access: ['authenticated'],
  input: { ...startDeploymentInput, actor: z.string().trim().min(1).max(255).optional() },
  async handler(input, ctx) {
    const actor = actorOf(ctx.caller, input.actor);
    const d = await transactional(ctx, `start_deployment:${actor}`, input, (tx) =>
      startDeployment(tx, input, actor, new Date()).then(deploymentView),
    );
    return d;
  },
});
