import { z } from 'zod';
import { runMonitoring } from '../../../../shared/monitoring/run-monitoring.ts';
import { loadEnvironment } from '../../../../shared/rollout/environment.ts';
import { serviceSchema } from '../../../../shared/rollout/service.ts';
import { selectOpenIncidents, upsertTarget } from '../../../../shared/sql/monitoring.ts';
import { defineAction } from '../../_shared/action.ts';

/** What the scheduler calls every minute. */
export const runMonitoringAction = defineAction({
  name: 'run_monitoring',
  summary:
    'Probe every function’s health_check and each configured target; open an incident after max_failed_health_checks (3) consecutive failures.',
  access: 'service',
  input: {},
  async handler(_input, { sql, env }) {
    return runMonitoring(sql, env('SUPABASE_URL'));
  },
});

export const configureMonitoringTarget = defineAction({
  name: 'configure_monitoring_target',
  summary:
    'Add or change a URL probed every minute (GET, expecting a status); its incidents count against rollouts of its environment (and service) only.',
  access: 'admin',
  input: {
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .refine((n) => !n.startsWith('function:'), 'the function: prefix is reserved'),
    url: z.url({ protocol: /^https?$/ }),
    expected_status: z.number().int().min(100).max(599).default(200),
    enabled: z.boolean().default(true),
    /** Omitted: unchanged (none for a new target); null: none, never counted against a rollout. */
    environment: z.string().min(1).max(50).nullable().optional(),
    /** The one service it watches; omitted: unchanged (every service for a new target); null: every service. */
    service: serviceSchema.nullable().optional(),
  },
  async handler(input, { sql }) {
    if (input.environment) await loadEnvironment(sql, input.environment);
    const [target] = await upsertTarget(sql, input);
    return { target };
  },
});

export const listIncidents = defineAction({
  name: 'list_incidents',
  summary: 'Open incidents opened by synthetic monitoring.',
  access: 'read',
  input: {},
  async handler(_input, { sql }) {
    return { incidents: await selectOpenIncidents(sql) };
  },
});
