import { z } from 'zod';
import { loggedDeploymentSchema } from '../rollout/log-deployment.ts';
import { requestSampleSchema, timestampSchema, windowQueryFields } from '../telemetry/schemas.ts';
import { timeWindowSchema } from '../telemetry/time-window.ts';
import { healthCheck, listActions } from './common.ts';
import { contract } from './contract.ts';
import { IGNORED_ACTOR } from './fields.ts';

export const MAX_SAMPLES_PER_CALL = 5000;

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
    /** The window's end (default now): a past window gives the figures as they stood then. */
    as_of: timestampSchema.optional(),
  },
  response: z.unknown(),
});

export const logDeployment = contract({
  name: 'log_deployment',
  summary: 'Record a deployment made by another tool in the audit log, and track it.',
  access: 'deploy',
  input: {
    deployment: loggedDeploymentSchema,
    actor: IGNORED_ACTOR,
  },
  response: z.unknown(),
});

export const runMonitoring = contract({
  name: 'run_monitoring',
  summary:
    'Probe every function’s health_check and each configured target; open incidents on 3 failures.',
  access: 'service',
  input: {},
  response: z.unknown(),
});

export const configureMonitoringTarget = contract({
  name: 'configure_monitoring_target',
  summary: 'Add or change a URL probed every minute (GET, expecting a status).',
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
  },
  response: z.unknown(),
});

export const listIncidents = contract({
  name: 'list_incidents',
  summary: 'Open incidents opened by synthetic monitoring.',
  access: 'read',
  input: {},
  response: z.unknown(),
});

export const performanceMetrics = contract({
  name: 'performance_metrics',
  summary: 'Latency (avg, p50, p95, p99), error rate and throughput over a time window.',
  access: 'read',
  input: windowQueryFields,
  response: z.unknown(),
});

export const performanceReport = contract({
  name: 'performance_report',
  summary: 'Window metrics, a per-route breakdown and the change against the previous window.',
  access: 'read',
  input: { ...windowQueryFields, routes_limit: z.number().int().min(1).max(500).default(50) },
  response: z.unknown(),
});

export const recordRequests = contract({
  name: 'record_requests',
  summary: 'Record up to 5,000 request samples (duration, status, route, deployment, variant).',
  access: 'ingest',
  input: { requests: z.array(requestSampleSchema).min(1).max(MAX_SAMPLES_PER_CALL) },
  response: z.unknown(),
});

export const systemHealthScore = contract({
  name: 'system_health_score',
  summary:
    'A 0–100 health score from availability, error rate, latency, critical issues and queue backlog.',
  access: 'read',
  input: { environment: z.string().trim().min(1).max(50).optional() },
  response: z.unknown(),
});

export const systemStatus = contract({
  name: 'system_status',
  summary: 'Status of the database, queue, scheduler, each function and notification settings.',
  access: 'read',
  input: {},
  response: z.unknown(),
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
  listActions,
] as const;
