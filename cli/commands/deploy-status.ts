import type { Command, CommandContext } from '../command.ts';
import { defined, num, str } from '../command.ts';
import { EXIT } from '../errors.ts';
import { summaryLines } from '../render/rollout.ts';
import { FLAGS, watch, watchOptions } from './deploy-shared.ts';

export const deployStatus: Command = {
  path: ['deploy', 'status'],
  usage: '[<deployment-id>] [--env <env>] [--service <name>] [--limit <n>]',
  summary: 'One rollout with its analyses; without an id, recent deployments.',
  optionalPositionals: ['deployment-id'],
  options: { env: { type: 'string' }, service: { type: 'string' }, limit: { type: 'string' } },
  async run(ctx) {
    const id = ctx.positionals[0];
    if (id === undefined) return list(ctx);
    const s = await ctx
      .api()
      .call('deploy-orchestrator', { action: 'get_status', deployment_id: id });
    ctx.out.result(s, () => {
      for (const line of summaryLines(s)) ctx.out.line(line);
      for (const a of s.analyses) {
        ctx.out.line(
          `  ${a.verdict.padEnd(12)} step ${a.step + 1} at ${a.weight}% (${a.trigger}) ${a.reasons.map(String).join('; ')}`,
        );
      }
    });
    return EXIT.ok;
  },
};

async function list(ctx: CommandContext) {
  const body = defined({
    environment: str(ctx.values.env),
    service: str(ctx.values.service),
    limit: num(ctx.values.limit),
  });
  const r = await ctx
    .api()
    .call('deploy-orchestrator', { action: 'list_deployments', ...body }, FLAGS);
  ctx.out.result(r, () => {
    ctx.out.table([
      ['DEPLOYMENT', 'ENV', 'SERVICE', 'VERSION', 'STATUS', 'STEP', 'WEIGHT', 'STARTED'],
      ...r.deployments.map((d) => [
        d.deployment_id,
        d.environment,
        d.service ?? 'default',
        d.version,
        d.status,
        `${d.current_step + 1}/${d.total_steps}`,
        `${d.weight}%`,
        d.started_at,
      ]),
    ]);
  });
  return EXIT.ok;
}

export const deployWatch: Command = {
  path: ['deploy', 'watch'],
  usage: '<deployment-id> [--interval <s>] [--timeout <s>]',
  summary: 'Follow a rollout live until it ends: exit 0 succeeded, 1 rolled back or failed.',
  positionals: ['deployment-id'],
  options: watchOptions,
  run: (ctx) => watch(ctx, ctx.positionals[0] as string),
};
