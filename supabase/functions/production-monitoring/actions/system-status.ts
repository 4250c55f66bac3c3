import * as contracts from '../../../../shared/contracts/production-monitoring.ts';
import { FUNCTION_NAMES } from '../../../../shared/function-names.ts';
import { selectLatestProbes, selectOpenIncidents } from '../../../../shared/sql/monitoring.ts';
import { pingDatabase, queueBacklog, schedulerState } from '../../../../shared/sql/system.ts';
import { defineAction } from '../../_shared/action.ts';
import { toAppError } from '../../_shared/errors.ts';

type Status = 'operational' | 'degraded' | 'down' | 'unknown' | 'not_configured';
interface Component {
  name: string;
  status: Status;
  detail: Record<string, unknown>;
}

/** The pre-deployment check: every component with its status and the evidence for it. */
export const systemStatus = defineAction(contracts.systemStatus, async (_input, { sql, env }) => {
  const components: Component[] = [];
  try {
    const ping = await pingDatabase(sql);
    components.push({ name: 'database', status: 'operational', detail: ping });
    const [queue, scheduler, probes, incidents] = await Promise.all([
      queueBacklog(sql),
      schedulerState(sql),
      selectLatestProbes(sql),
      selectOpenIncidents(sql),
    ]);
    components.push({
      name: 'queue',
      status: queue === null ? 'not_configured' : queue.overdue > 0 ? 'degraded' : 'operational',
      detail: queue ?? { reason: 'pg-boss schema not installed (the local stack installs it)' },
    });
    components.push({
      name: 'scheduler',
      status:
        scheduler.kind === 'none'
          ? 'not_configured'
          : scheduler.jobs > 0
            ? 'operational'
            : 'degraded',
      detail: scheduler,
    });
    for (const fn of FUNCTION_NAMES) {
      const probe = probes.find((p) => p.target === `function:${fn}`);
      const incident = incidents.find((i) => i.target === `function:${fn}`);
      components.push({
        name: `function:${fn}`,
        status: incident
          ? 'down'
          : probe === undefined
            ? 'unknown'
            : probe.ok
              ? 'operational'
              : 'degraded',
        detail: probe
          ? { last_probe: probe, open_incident: incident ?? null }
          : { reason: 'not probed yet (run_monitoring)' },
      });
    }
  } catch (err) {
    if (toAppError(err).code !== 'database_unavailable') throw err;
    components.push({ name: 'database', status: 'down', detail: { error: 'not reachable' } });
  }
  components.push({
    name: 'notifications',
    status: env('SLACK_WEBHOOK_URL') ? 'operational' : 'not_configured',
    detail: {
      slack_webhook: Boolean(env('SLACK_WEBHOOK_URL')),
      slack_emergency_webhook: Boolean(env('SLACK_EMERGENCY_WEBHOOK')),
    },
  });
  return { status: overall(components), components, checked_at: new Date().toISOString() };
});

function overall(components: Component[]): 'operational' | 'degraded' | 'down' {
  if (components.some((c) => c.name === 'database' && c.status === 'down')) return 'down';
  return components.some((c) => c.status === 'down' || c.status === 'degraded')
    ? 'degraded'
    : 'operational';
}
