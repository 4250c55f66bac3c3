import { z } from 'zod';
import { trafficMoved } from '../../../../shared/rollout/apply-transition.ts';
import { runCommand } from '../../../../shared/rollout/commands.ts';
import type { Command } from '../../../../shared/rollout/state-machine.ts';
import { defineAction } from '../../_shared/action.ts';
import { actorOf, IGNORED_ACTOR } from '../../_shared/actor.ts';
import { transactional } from '../../_shared/idempotency.ts';
import { deploymentView } from './deployment-view.ts';

const target = {
  deployment_id: z.string().min(1).max(100),
  actor: IGNORED_ACTOR,
};

function commandAction<Name extends string, Extra extends z.ZodRawShape>(
  name: Name,
  summary: string,
  extra: Extra,
  toCommand: (input: z.infer<z.ZodObject<Extra>>) => Command,
  reasonOf: (input: z.infer<z.ZodObject<Extra>>) => string | undefined = () => undefined,
) {
  return defineAction({
    name,
    summary,
    access: name === 'approve' ? 'approve' : 'deploy',
    input: { ...target, ...extra },
    async handler(input, ctx) {
      const base = input as unknown as { deployment_id: string };
      const actor = actorOf(ctx.caller);
      const typed = input as unknown as z.infer<z.ZodObject<Extra>>;
      return transactional(ctx, `${name}:${actor}`, input, (tx) =>
        runCommand(tx, base.deployment_id, toCommand(typed), {
          actor,
          now: new Date(),
          reason: reasonOf(typed),
        }).then((d) => ({
          ...deploymentView(d),
          // A rollback says whether traffic actually moved (provider "none" moves nothing).
          ...(name === 'rollback' ? { traffic_moved: trafficMoved(d.traffic) } : {}),
        })),
      );
    },
  });
}

export const approve = commandAction(
  'approve',
  'Approve a rollout waiting for approval (not by its deployer).',
  {},
  () => ({ type: 'approve' }),
);
export const promote = commandAction(
  'promote',
  'Skip the current pause (the judge is still asked: a failing canary is refused with 409 analysis_failed): go to the next step, or with full: true straight to 100 %.',
  { full: z.boolean().default(false) },
  (i) => ({ type: 'promote', full: i.full }),
);
export const pause = commandAction('pause', 'Hold the rollout at its current step.', {}, () => ({
  type: 'pause',
}));
export const resume = commandAction(
  'resume',
  'Continue a paused rollout (its step waits only what is left of its pause).',
  {},
  () => ({ type: 'resume' }),
);
export const rollback = commandAction(
  'rollback',
  'Return traffic to the version live before this one, also after success (409 superseded once another deployment replaced it); records the reason and whether traffic moved.',
  { reason: z.string().trim().min(3).max(2000) },
  () => ({ type: 'rollback' }),
  (i) => i.reason,
);
