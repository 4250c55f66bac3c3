import type { AnalysisSettings } from '../../shared/contracts/deployment.ts';
import type { CommandContext } from '../command.ts';
import { type Command, defined, str } from '../command.ts';
import { EXIT, UsageError } from '../errors.ts';
import { readJsonObject } from './deploy-input.ts';

type EnvironmentAnalysis = AnalysisSettings & { environment: string };

/** The environment's settings, then one row per metric: what each verdict is judged by. */
function render(ctx: CommandContext, analysis: EnvironmentAnalysis) {
  ctx.out.result(analysis, () => renderForPeople(ctx, analysis));
}

function renderForPeople(ctx: CommandContext, analysis: EnvironmentAnalysis) {
  const t = analysis.thresholds;
  ctx.out.line(
    `${analysis.environment}: alpha ${t.alpha}, min_samples ${t.min_samples}, bake_seconds ${t.bake_seconds}`,
  );
  ctx.out.table([
    [
      'METRIC',
      'COMPARED WITH',
      'THRESHOLD',
      'BAD WHEN',
      'CRITICAL',
      'DRY RUN',
      'NO DATA',
      'ON FAILURE',
    ],
    ...Object.entries(analysis.metrics).map(([name, m]) => [
      name,
      m.comparison === 'absolute' ? 'limit' : 'stable',
      m.threshold ? `${m.threshold.setting} ${m.threshold.value}` : '-',
      m.direction,
      m.critical ? 'yes' : 'no',
      m.dry_run ? 'yes' : 'no',
      m.no_data,
      m.on_failure,
    ]),
  ]);
}

const show: Command = {
  path: ['analysis', 'show'],
  usage: '<environment>',
  summary: "An environment's default analysis: thresholds and every metric's settings.",
  positionals: ['environment'],
  async run(ctx) {
    const r = await ctx
      .api()
      .call(
        'deploy-orchestrator',
        { action: 'get_environment_analysis', environment: ctx.positionals[0] },
        { environment: '<environment>' },
      );
    render(ctx, r);
    return EXIT.ok;
  },
};

/** `--threshold max_error_rate=3` → `{ max_error_rate: 3 }`. */
function parseThresholds(items: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const [name, value] = item.split('=');
    if (!name || value === undefined || value.trim() === '')
      throw new UsageError(`--threshold ${item}: use name=value`);
    out[name] = Number(value);
  }
  return out;
}

const set: Command = {
  path: ['analysis', 'set'],
  usage:
    '<environment> [--file <spec.json>] [--threshold name=value]… [--on-failure rollback|pause]',
  summary:
    "Change an environment's default analysis from a spec file and/or flags (admin); prints the result.",
  positionals: ['environment'],
  options: {
    file: { type: 'string' },
    threshold: { type: 'string', multiple: true },
    'on-failure': { type: 'string' },
  },
  async run(ctx) {
    const v = ctx.values;
    const file = str(v.file) === undefined ? {} : readJsonObject(str(v.file) as string, '--file');
    const flags = Array.isArray(v.threshold) ? parseThresholds(v.threshold) : {};
    const thresholds = { ...((file.thresholds as Record<string, number>) ?? {}), ...flags };
    const body = {
      ...file,
      ...defined({
        thresholds: Object.keys(thresholds).length ? thresholds : undefined,
        on_failure: str(v['on-failure']),
      }),
    };
    if (Object.keys(body).length === 0)
      throw new UsageError('give --file, --threshold or --on-failure');
    const r = await ctx
      .api()
      .call(
        'deploy-orchestrator',
        { ...body, action: 'set_environment_analysis', environment: ctx.positionals[0] },
        { environment: '<environment>', thresholds: '--threshold', on_failure: '--on-failure' },
      );
    render(ctx, r);
    return EXIT.ok;
  },
};

export const ANALYSIS_COMMANDS: Command[] = [show, set];
