import type { Command, CommandContext, Options } from '../command.ts';
import { defined, str } from '../command.ts';
import { EXIT } from '../errors.ts';
import { FLAGS, show } from './deploy-shared.ts';
import { deployStart } from './deploy-start.ts';
import { deployStatus, deployWatch } from './deploy-status.ts';

/** One operator command on one rollout: its id and the command's own options (who acts is the credential). */
function command(
  name: 'approve' | 'promote' | 'pause' | 'resume' | 'rollback',
  summary: string,
  usage: string,
  options: Options,
  extra: (ctx: CommandContext) => Record<string, unknown>,
): Command {
  return {
    path: ['deploy', name],
    usage: `<deployment-id> ${usage}`.trimEnd(),
    summary,
    positionals: ['deployment-id'],
    options,
    async run(ctx) {
      const body = {
        deployment_id: ctx.positionals[0],
        ...extra(ctx),
      };
      show(
        ctx,
        await ctx.api().call('deploy-orchestrator', { action: name, ...defined(body) }, FLAGS),
      );
      return EXIT.ok;
    },
  };
}

export const DEPLOY_COMMANDS: Command[] = [
  deployStart,
  command(
    'approve',
    'Approve a rollout waiting for approval (not by its deployer).',
    '',
    {},
    () => ({}),
  ),
  command(
    'promote',
    'Skip the current pause (--full: straight to 100 %).',
    '[--full] ',
    { full: { type: 'boolean', default: false } },
    (ctx) => ({ full: ctx.values.full === true }),
  ),
  command('pause', 'Hold the rollout at its current step.', '', {}, () => ({})),
  command('resume', 'Continue a paused rollout.', '', {}, () => ({})),
  command(
    'rollback',
    'Return traffic to the stable version, with a reason.',
    '--reason <text> ',
    { reason: { type: 'string' } },
    (ctx) => ({ reason: str(ctx.values.reason) }),
  ),
  deployStatus,
  deployWatch,
];
