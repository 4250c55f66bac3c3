import type { ActionResult } from '../../shared/client/client.ts';
import { type Command, defined, str } from '../command.ts';
import { EXIT } from '../errors.ts';

type Target = ActionResult<'production-monitoring', 'deployment_statistics'>['success_rate_target'];

const mark = (t: Target) => `${t.goal} ${t.met === null ? '–' : t.met ? '✓' : '✗'}`;
const tier = (t: string | null) => t ?? '–';

/** production-monitoring deployment_statistics: the runbook's figures and the four DORA keys. */
export const dora: Command = {
  path: ['dora'],
  usage: '[--window 30d] [--env production] [--service <name>] [--as-of <iso>]',
  summary:
    'Delivery statistics: deployments, rollbacks, success rate and the DORA keys with tiers.',
  options: {
    window: { type: 'string' },
    env: { type: 'string' },
    service: { type: 'string' },
    'as-of': { type: 'string' },
  },
  async run(ctx) {
    const body = defined({
      time_window: str(ctx.values.window),
      environment: str(ctx.values.env),
      service: str(ctx.values.service),
      as_of: str(ctx.values['as-of']),
    });
    const r = await ctx
      .api()
      .call(
        'production-monitoring',
        { action: 'deployment_statistics', ...body },
        { time_window: '--window', environment: '--env', service: '--service', as_of: '--as-of' },
      );
    ctx.out.result(r, () => {
      const d = r.dora;
      ctx.out.line(
        `${r.environment}${r.service ? ` (${r.service})` : ''}, last ${r.time_window} (${r.window_start} → ${r.window_end})`,
      );
      ctx.out.line(
        `${r.production_deployments} deployments, ${r.rollbacks} rollbacks, ${r.failures} failed, ${r.in_progress} in progress; success rate ${r.success_rate} % (${mark(r.success_rate_target)}); average deployment ${r.avg_deployment_time} min${r.insufficient_data ? ' (insufficient data)' : ''}`,
      );
      const f = d.deployment_frequency;
      const l = d.lead_time_for_changes;
      const c = d.change_failure_rate;
      const m = d.failed_deployment_recovery_time;
      ctx.out.table([
        ['KEY', 'VALUE', 'TIER', 'TARGET'],
        [
          'deployment frequency',
          `${f.per_day} per day (${f.deployments})`,
          tier(f.tier),
          mark(f.target),
        ],
        [
          'lead time for changes',
          `${l.median_hours} h median (${l.samples} samples)`,
          tier(l.tier),
          mark(l.target),
        ],
        [
          'change failure rate',
          `${c.percent} % (${c.failed_changes} of ${c.deployments})`,
          tier(c.tier),
          mark(c.target),
        ],
        [
          'recovery time',
          `${m.median_minutes} min median, ${m.mean_minutes} mean (${m.recoveries})`,
          tier(m.tier),
          mark(m.target),
        ],
      ]);
    });
    return EXIT.ok;
  },
};
