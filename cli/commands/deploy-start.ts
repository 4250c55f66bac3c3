import type { Command } from '../command.ts';
import { defined, str } from '../command.ts';
import { EXIT } from '../errors.ts';
import { parseGates, parseSteps, readJsonObject, trafficOf } from './deploy-input.ts';
import { FLAGS, show, watch, watchOptions } from './deploy-shared.ts';

/** Starts a rollout with everything start_deployment takes; --watch then follows it. */
export const deployStart: Command = {
  path: ['deploy', 'start'],
  usage:
    '--env <env> --version <v> [--service <name>] [--strategy canary|direct] [--steps 25:300,50:300,100] [--gate name=value]… [--flag <name> | --webhook <url>] [--commit <sha>] [--branch <b>] [--commit-time <iso>] [--type <t>] [--id <id>] [--hotfix <reason>] [--override <reason>] [--analysis <spec.json>] [--watch]',
  summary: 'Start a rollout (checks gates, staging, windows, freezes); --watch follows it.',
  options: {
    env: { type: 'string' },
    service: { type: 'string' },
    version: { type: 'string' },
    strategy: { type: 'string' },
    steps: { type: 'string' },
    gate: { type: 'string', multiple: true },
    flag: { type: 'string' },
    webhook: { type: 'string' },
    commit: { type: 'string' },
    branch: { type: 'string' },
    'commit-time': { type: 'string' },
    type: { type: 'string' },
    id: { type: 'string' },
    hotfix: { type: 'string' },
    override: { type: 'string' },
    analysis: { type: 'string' },
    watch: { type: 'boolean', default: false },
    ...watchOptions,
  },
  async run(ctx) {
    const v = ctx.values;
    const body = defined({
      environment: str(v.env),
      service: str(v.service),
      version: str(v.version),
      deployment_id: str(v.id),
      deployment_type: str(v.type),
      git_commit_hash: str(v.commit),
      git_branch: str(v.branch),
      commit_time: str(v['commit-time']),
      strategy: str(v.strategy),
      steps: str(v.steps) === undefined ? undefined : parseSteps(str(v.steps) as string),
      traffic: trafficOf(str(v.flag), str(v.webhook)),
      gates: Array.isArray(v.gate) ? parseGates(v.gate) : undefined,
      hotfix: str(v.hotfix) === undefined ? undefined : { reason: str(v.hotfix) },
      override: str(v.override) === undefined ? undefined : { reason: str(v.override) },
      analysis:
        str(v.analysis) === undefined
          ? undefined
          : readJsonObject(str(v.analysis) as string, '--analysis'),
    });
    const d = await ctx
      .api()
      .call('deploy-orchestrator', { action: 'start_deployment', ...body }, FLAGS);
    if (!v.watch) {
      show(ctx, d);
      return EXIT.ok;
    }
    return watch(ctx, d.deployment_id);
  },
};

/** The API's field names as the options that set them, for error messages. */
