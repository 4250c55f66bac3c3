import type { CommandContext, Options } from '../command.ts';
import { num } from '../command.ts';
import { UsageError } from '../errors.ts';
import { type RolloutView, summaryLines } from '../render/rollout.ts';
import { watchRollout } from '../watch.ts';

export const watchOptions: Options = {
  interval: { type: 'string', default: '1' },
  timeout: { type: 'string' },
};

export function show(ctx: CommandContext, rollout: RolloutView) {
  ctx.out.result(rollout, () => {
    for (const line of summaryLines(rollout)) ctx.out.line(line);
  });
}

export function watch(ctx: CommandContext, id: string) {
  const interval = num(ctx.values.interval) ?? 1;
  const timeout = num(ctx.values.timeout);
  if (!(interval > 0) || (timeout !== undefined && !(timeout > 0))) {
    throw new UsageError('--interval and --timeout are seconds greater than 0');
  }
  return watchRollout(ctx.api(), id, ctx.out, {
    intervalMs: interval * 1000,
    timeoutMs: timeout === undefined ? null : timeout * 1000,
  });
}

export const FLAGS = {
  environment: '--env',
  service: '--service',
  version: '--version',
  deployment_id: '--id',
  deployment_type: '--type',
  git_commit_hash: '--commit',
  git_branch: '--branch',
  commit_time: '--commit-time',
  steps: '--steps',
  gates: '--gate',
  traffic: '--flag/--webhook',
  hotfix: '--hotfix',
  override: '--override',
  reason: '--reason',
  analysis: '--analysis',
};
