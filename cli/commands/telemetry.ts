import { type Command, type CommandContext, defined, type Options, str } from '../command.ts';
import { EXIT } from '../errors.ts';

const windowOptions: Options = {
  window: { type: 'string', default: '5m' },
  env: { type: 'string' },
  deployment: { type: 'string' },
  variant: { type: 'string' },
  'as-of': { type: 'string' },
};
const FLAGS = {
  time_window: '--window',
  environment: '--env',
  deployment_id: '--deployment',
  variant: '--variant',
  as_of: '--as-of',
};

function windowQuery(ctx: CommandContext) {
  const v = ctx.values;
  return defined({
    time_window: str(v.window),
    environment: str(v.env),
    deployment_id: str(v.deployment),
    variant: str(v.variant),
    as_of: str(v['as-of']),
  });
}

const span = (r: { time_window: string; window_start: string; window_end: string }) =>
  `${r.time_window}: ${r.window_start} → ${r.window_end}`;

const errorRate: Command = {
  path: ['errors', 'rate'],
  usage:
    '[--window 5m] [--env <env>] [--deployment <id>] [--variant canary|stable] [--as-of <iso>]',
  summary: 'Percent of requests answered 5xx over a window (error-tracking get_error_rate).',
  options: windowOptions,
  async run(ctx) {
    const r = await ctx
      .api()
      .call('error-tracking', { action: 'get_error_rate', ...windowQuery(ctx) }, FLAGS);
    ctx.out.result(r, () => {
      if (r.insufficient_data) ctx.out.line(`no requests in the window (${span(r)})`);
      else
        ctx.out.line(
          `error rate ${r.error_rate} % — ${r.failed} of ${r.requests} requests failed, ${r.error_events} error events (${span(r)})`,
        );
    });
    return EXIT.ok;
  },
};

const metrics: Command = {
  path: ['metrics'],
  usage:
    '[--window 5m] [--env <env>] [--deployment <id>] [--variant canary|stable] [--as-of <iso>]',
  summary: 'Latency percentiles, error rate and throughput over a window (performance_metrics).',
  options: windowOptions,
  async run(ctx) {
    const r = await ctx
      .api()
      .call('production-monitoring', { action: 'performance_metrics', ...windowQuery(ctx) }, FLAGS);
    ctx.out.result(r, () => {
      ctx.out.line(`${span(r)}${r.insufficient_data ? ' (no requests)' : ''}`);
      ctx.out.table([
        ['requests', r.requests],
        ['error rate', `${r.error_rate} %`],
        ['avg', `${r.avg_response_time} ms`],
        ['p50', `${r.p50_response_time} ms`],
        ['p95', `${r.p95_response_time} ms`],
        ['p99', `${r.p99_response_time} ms`],
        ['max', `${r.max_response_time} ms`],
        ['throughput', `${r.requests_per_second} req/s`],
      ]);
    });
    return EXIT.ok;
  },
};

export const TELEMETRY_COMMANDS: Command[] = [errorRate, metrics];
