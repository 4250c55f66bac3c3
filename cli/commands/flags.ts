import { type Command, defined, num, str } from '../command.ts';
import { EXIT, UsageError } from '../errors.ts';

interface Flag {
  name: string;
  environment: string;
  enabled: boolean;
  rollout_percentage: number;
  updated_at: string;
}

const list: Command = {
  path: ['flags', 'list'],
  usage: '[--env <env>]',
  summary: 'Feature flags, optionally of one environment.',
  options: { env: { type: 'string' } },
  async run(ctx) {
    const r = await ctx
      .api()
      .call(
        'deploy-orchestrator',
        { action: 'list_flags', ...defined({ environment: str(ctx.values.env) }) },
        { environment: '--env' },
      );
    if (ctx.out.json) ctx.out.data(r);
    else {
      ctx.out.table([
        ['FLAG', 'ENV', 'ENABLED', 'ROLLOUT', 'UPDATED'],
        ...(r.flags as Flag[]).map((f) => [
          f.name,
          f.environment,
          f.enabled ? 'on' : 'off',
          `${f.rollout_percentage}%`,
          f.updated_at,
        ]),
      ]);
    }
    return EXIT.ok;
  },
};

const set: Command = {
  path: ['flags', 'set'],
  usage: '<name> --env <env> (--on | --off) [--percentage <0-100>]',
  summary: 'Create or change a feature flag.',
  positionals: ['name'],
  options: {
    env: { type: 'string' },
    on: { type: 'boolean', default: false },
    off: { type: 'boolean', default: false },
    percentage: { type: 'string' },
  },
  async run(ctx) {
    const { on, off } = ctx.values;
    if (on === off) throw new UsageError('give exactly one of --on and --off');
    const body = defined({
      name: ctx.positionals[0],
      environment: str(ctx.values.env),
      enabled: on === true,
      rollout_percentage: num(ctx.values.percentage),
    });
    const r = await ctx
      .api()
      .call(
        'deploy-orchestrator',
        { action: 'set_flag', ...body },
        { environment: '--env', rollout_percentage: '--percentage' },
      );
    const f = r.flag as Flag;
    if (ctx.out.json) ctx.out.data(r);
    else
      ctx.out.line(
        `${f.name} (${f.environment}): ${f.enabled ? 'on' : 'off'}, ${f.rollout_percentage}%`,
      );
    return EXIT.ok;
  },
};

export const FLAG_COMMANDS: Command[] = [list, set];
