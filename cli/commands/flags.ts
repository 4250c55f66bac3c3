import { type Command, defined, num, str } from '../command.ts';
import { EXIT, UsageError } from '../errors.ts';

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
    ctx.out.result(r, () => {
      ctx.out.table([
        ['FLAG', 'ENV', 'ENABLED', 'ROLLOUT', 'UPDATED'],
        ...r.flags.map((f) => [
          f.name,
          f.environment,
          f.enabled ? 'on' : 'off',
          `${f.rollout_percentage}%`,
          f.updated_at,
        ]),
      ]);
    });
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
    const f = r.flag;
    ctx.out.result(r, () => {
      ctx.out.line(
        `${f.name} (${f.environment}): ${f.enabled ? 'on' : 'off'}, ${f.rollout_percentage}%`,
      );
    });
    return EXIT.ok;
  },
};

export const FLAG_COMMANDS: Command[] = [list, set];
