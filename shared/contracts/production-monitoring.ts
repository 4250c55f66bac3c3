import { z } from 'zod';
import { STATUSES } from '../model/deployment-status.ts';
import { loggedDeploymentSchema } from '../rollout/log-deployment.ts';
import { serviceSchema } from '../rollout/service.ts';
import { RAW_SAMPLE_MODES } from '../sql/telemetry-settings.ts';
import { requestSampleSchema, timestampSchema, windowQueryFields } from '../telemetry/schemas.ts';
import { timeWindowSchema } from '../telemetry/time-window.ts';
import { healthCheck, listActions } from './common.ts';
import { contract } from './contract.ts';
import { IGNORED_ACTOR, timestamp } from './fields.ts';
import { windowAnswerSchema, windowMetricsSchema } from './window.ts';

export const deploymentStatistics = contract({
  name: 'deployment_statistics',
  summary:
    'Deployments, rollbacks, success rate and duration over a window, plus the four DORA keys with tiers and targets.',
  access: 'read',
  input: {
    time_window: timeWindowSchema.default('30d'),
    environment: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,49}$/)
      .default('production'),
    /** One service's figures; without it, every service of the environment together. */
    service: serviceSchema.optional(),
    /** The window's end (default now): a past window gives the figures as they stood then. */
    as_of: timestampSchema.optional(),
  },
  response: z.object({
    service: z.string().nullable(),
    production_deployments: z.number(),
    succeeded: z.number(),
    rollbacks: z.number(),
    failures: z.number(),
    in_progress: z.number(),
    external_deployments: z.number(),
    success_rate: z.number(),
    success_rate_target: z.object({
      goal: z.string(),
      met: z.boolean().nullable(),
    }),
    avg_deployment_time: z.number(),
    insufficient_data: z.boolean(),
    dora: z.object({
      deployment_frequency: z.object({
        per_day: z.number(),
        deployments: z.number(),
        tier: z.enum(['elite', 'high', 'medium', 'low']),
        target: z.object({
          goal: z.string(),
          met: z.boolean().nullable(),
        }),
      }),
      lead_time_for_changes: z.object({
        median_hours: z.number(),
        mean_hours: z.number(),
        samples: z.number(),
        excluded: z.number(),
        tier: z.enum(['elite', 'high', 'medium', 'low']).nullable(),
        target: z.object({
          goal: z.string(),
          met: z.boolean().nullable(),
        }),
      }),
      change_failure_rate: z.object({
        percent: z.number(),
        failed_changes: z.number(),
        deployments: z.number(),
        tier: z.enum(['elite', 'high', 'medium', 'low']).nullable(),
        target: z.object({
          goal: z.string(),
          met: z.boolean().nullable(),
        }),
      }),
      failed_deployment_recovery_time: z.object({
        median_minutes: z.number(),
        mean_minutes: z.number(),
        recoveries: z.number(),
        unrecovered: z.number(),
        tier: z.enum(['elite', 'high', 'medium', 'low']).nullable(),
        target: z.object({
          goal: z.string(),
          met: z.boolean().nullable(),
        }),
      }),
    }),
    environment: z.string(),
    time_window: z.string(),
    window_start: timestamp,
    window_end: timestamp,
  }),
});

export const logDeployment = contract({
  name: 'log_deployment',
  summary: 'Record a deployment made by another tool in the audit log, and track it.',
  access: 'deploy',
  input: {
    deployment: loggedDeploymentSchema,
    actor: IGNORED_ACTOR,
  },
  response: z.object({
    deployment_id: z.string(),
    status: z.enum(STATUSES),
    audit_id: z.number().nullable(),
  }),
});

export const runMonitoring = contract({
  name: 'run_monitoring',
  summary:
    'Probe every function’s health_check and each configured target; open incidents on 3 failures.',
  access: 'service',
  input: {},
  response: z.object({
    probed: z.number(),
    healthy: z.number(),
    probes: z.array(
      z.object({
        target: z.string(),
        ok: z.boolean(),
        status: z.number().nullable(),
        latency_ms: z.number(),
        error: z.string().nullable(),
      }),
    ),
    incidents_opened: z.array(z.string()),
    incidents_resolved: z.array(z.string()),
  }),
});

export const configureMonitoringTarget = contract({
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
  response: z.object({
    target: z.object({
      id: z.number(),
      name: z.string(),
      url: z.string(),
      expected_status: z.number(),
      enabled: z.boolean(),
      environment: z.string().nullable(),
      service: z.string().nullable(),
    }),
  }),
});

export const listIncidents = contract({
  name: 'list_incidents',
  summary: 'Open incidents opened by synthetic monitoring.',
  access: 'read',
  input: {},
  response: z.object({
    incidents: z.array(
      z.object({
        id: z.number(),
        target: z.string(),
        reason: z.string(),
        opened_at: timestamp,
      }),
    ),
  }),
});

export const performanceMetrics = contract({
  name: 'performance_metrics',
  summary: 'Latency (avg, p50, p95, p99), error rate and throughput over a time window.',
  access: 'read',
  input: windowQueryFields,
  response: windowAnswerSchema,
});

export const performanceReport = contract({
  name: 'performance_report',
  summary: 'Window metrics, a per-route breakdown and the change against the previous window.',
  access: 'read',
  input: { ...windowQueryFields, routes_limit: z.number().int().min(1).max(500).default(50) },
  response: windowAnswerSchema.extend({
    routes: z.array(windowMetricsSchema.extend({ route: z.string() })),
    previous: windowAnswerSchema,
    /** Each figure's change from the previous window, in percent (null: nothing to compare). */
    change_percent: z.record(z.string(), z.number().nullable()),
  }),
});

export const recordRequests = contract({
  name: 'record_requests',
  summary: 'Record up to 5,000 request samples (duration, status, route, deployment, variant).',
  access: 'ingest',
  input: { requests: z.array(requestSampleSchema).min(1).max(5000) },
  response: z.object({
    accepted: z.number(),
    failed: z.number(),
  }),
});

export const systemHealthScore = contract({
  name: 'system_health_score',
  summary:
    'A 0–100 health score from availability, error rate, latency, critical issues and queue backlog.',
  access: 'read',
  input: { environment: z.string().trim().min(1).max(50).optional() },
  response: z.object({
    evaluated_at: timestamp,
    health_score: z.number(),
    components: z.array(
      z.object({
        name: z.string(),
        weight: z.number(),
        share: z.number(),
        score: z.number().nullable(),
        contribution: z.number(),
        detail: z.string(),
      }),
    ),
  }),
});

export const systemStatus = contract({
  name: 'system_status',
  summary: 'Status of the database, queue, scheduler, each function and notification settings.',
  access: 'read',
  input: {},
  response: z.object({
    status: z.enum(['operational', 'degraded', 'down']),
    components: z.array(
      z.object({
        name: z.string(),
        status: z.enum(['unknown', 'operational', 'degraded', 'down', 'not_configured']),
        detail: z.record(z.string(), z.unknown()),
      }),
    ),
    checked_at: timestamp,
  }),
});

const telemetrySettingsSchema = z.object({
  raw_retention_days: z.number(),
  rollup_retention_days: z.number(),
  max_clock_skew_seconds: z.number(),
  raw_samples: z.enum(RAW_SAMPLE_MODES),
  raw_sample_rate: z.number(),
  exemplars_per_minute: z.number(),
});

export const requestExemplars = contract({
  name: 'request_exemplars',
  summary:
    'The slowest and failed requests kept per minute (route, status, duration, release, trace id) with their error events.',
  access: 'view',
  input: {
    ...windowQueryFields,
    route: z.string().trim().min(1).max(200).optional(),
    kind: z.enum(['slowest', 'failed']).optional(),
    limit: z.number().int().min(1).max(1000).default(100),
  },
  response: z.object({
    time_window: z.string(),
    window_start: timestamp,
    window_end: timestamp,
    exemplars: z.array(
      z.object({
        kind: z.enum(['slowest', 'failed']),
        occurred_at: timestamp,
        duration_ms: z.number(),
        status: z.number(),
        route: z.string(),
        release: z.string(),
        environment: z.string(),
        deployment_id: z.string(),
        variant: z.string(),
        trace_id: z.string().nullable(),
        error_events: z.array(
          z.object({
            occurred_at: timestamp,
            issue_id: z.number(),
            title: z.string(),
            severity: z.string(),
          }),
        ),
      }),
    ),
  }),
});

export const getTelemetrySettings = contract({
  name: 'get_telemetry_settings',
  summary: 'Raw-sample storage, exemplars, retention and the allowed clock skew of telemetry.',
  access: 'view',
  input: {},
  response: z.object({ settings: telemetrySettingsSchema }),
});

export const setTelemetrySettings = contract({
  name: 'set_telemetry_settings',
  summary:
    'Change telemetry storage: raw_samples (off, sampled at raw_sample_rate, on), exemplars_per_minute, retention days, max clock skew.',
  access: 'admin',
  input: {
    raw_samples: z.enum(RAW_SAMPLE_MODES).optional(),
    raw_sample_rate: z.number().gt(0).max(1).optional(),
    exemplars_per_minute: z.number().int().min(0).max(20).optional(),
    raw_retention_days: z.number().int().min(1).max(90).optional(),
    rollup_retention_days: z.number().int().min(1).max(3650).optional(),
    max_clock_skew_seconds: z.number().int().min(0).max(3600).optional(),
  },
  response: z.object({ before: telemetrySettingsSchema, settings: telemetrySettingsSchema }),
});

/** Every action of `production-monitoring`, in the order list_actions answers them. */
export const contracts = [
  healthCheck,
  recordRequests,
  performanceMetrics,
  performanceReport,
  systemHealthScore,
  systemStatus,
  runMonitoring,
  configureMonitoringTarget,
  listIncidents,
  logDeployment,
  deploymentStatistics,
  requestExemplars,
  getTelemetrySettings,
  setTelemetrySettings,
  listActions,
] as const;
