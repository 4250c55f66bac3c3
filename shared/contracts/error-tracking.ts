import { z } from 'zod';
import { ALERT_METRICS } from '../telemetry/alert-evaluation.ts';
import { errorEventSchema, windowQueryFields } from '../telemetry/schemas.ts';
import { timeWindowSchema } from '../telemetry/time-window.ts';
import { healthCheck, listActions } from './common.ts';
import { contract } from './contract.ts';
import { timestamp } from './fields.ts';
import { windowBoundsSchema, windowMetricsSchema } from './window.ts';

const issueStatus = z.enum(['unresolved', 'resolved', 'ignored']);

const alertRuleSchema = z.object({
  id: z.number(),
  name: z.string(),
  metric: z.string(),
  comparison: z.enum(['above', 'below']),
  threshold: z.number(),
  time_window: z.string(),
  environment: z.string().nullable(),
  severity: z.string(),
  enabled: z.boolean(),
  firing: z.boolean(),
  last_value: z.number().nullable(),
  last_evaluated_at: timestamp.nullable(),
  fired_at: timestamp.nullable(),
  resolved_at: timestamp.nullable(),
});

const alertStateSchema = z.object({
  id: z.number(),
  name: z.string(),
  metric: z.string(),
  value: z.number().nullable(),
  threshold: z.number(),
  comparison: z.string(),
  severity: z.string(),
  environment: z.string().nullable(),
});

const issueSchema = z.object({
  id: z.number(),
  fingerprint: z.string(),
  title: z.string(),
  component: z.string(),
  severity: z.string(),
  status: issueStatus,
  event_count: z.number(),
  first_seen: timestamp,
  last_seen: timestamp,
  last_release: z.string(),
  regression_count: z.number(),
  regressed_at: timestamp.nullable(),
  resolved_at: timestamp.nullable(),
});

const trackedEventSchema = z.object({
  issue_id: z.number(),
  fingerprint: z.string(),
  new_issue: z.boolean(),
  regression: z.boolean(),
});

export const createAlertRule = contract({
  name: 'create_alert_rule',
  summary:
    'Add a rule: a metric over a window compared with a threshold, optionally per environment.',
  access: 'admin',
  input: {
    name: z.string().trim().min(1).max(100),
    metric: z.enum(ALERT_METRICS),
    threshold: z.number().finite(),
    comparison: z.enum(['above', 'below']).default('above'),
    time_window: timeWindowSchema.default('5m'),
    environment: z.string().trim().min(1).max(50).optional(),
    severity: z.enum(['info', 'warning', 'critical']).default('warning'),
  },
  response: z.object({ rule: alertRuleSchema }),
});

export const listAlertRules = contract({
  name: 'list_alert_rules',
  summary: 'Every alert rule with its current state.',
  access: 'view',
  input: {},
  response: z.object({ rules: z.array(alertRuleSchema) }),
});

export const deleteAlertRule = contract({
  name: 'delete_alert_rule',
  summary: 'Remove an alert rule and its history.',
  access: 'admin',
  input: { rule_id: z.number().int().positive() },
  response: z.object({ deleted: z.number() }),
});

export const checkErrorAlerts = contract({
  name: 'check_error_alerts',
  summary: 'Evaluate every alert rule; answer the firing ones and what fired or resolved now.',
  access: 'admin',
  input: {},
  response: z.object({
    evaluated: z.number(),
    firing: z.array(alertStateSchema),
    fired: z.array(alertStateSchema),
    resolved: z.array(alertStateSchema),
    critical_firing: z.number(),
  }),
});

export const getErrorRate = contract({
  name: 'get_error_rate',
  summary:
    'Percent of requests with status >= 500 in a window, with request and error-event counts.',
  access: 'read',
  input: windowQueryFields,
  response: windowMetricsSchema
    .pick({
      error_rate: true,
      requests: true,
      failed: true,
      error_events: true,
      insufficient_data: true,
    })
    .extend(windowBoundsSchema.shape),
});

export const listIssues = contract({
  name: 'list_issues',
  summary: 'Error issues (grouped events), most recently seen first.',
  access: 'view',
  input: {
    status: issueStatus.optional(),
    component: z.string().min(1).max(100).optional(),
    limit: z.number().int().min(1).max(500).default(50),
  },
  response: z.object({ issues: z.array(issueSchema), count: z.number() }),
});

export const updateIssue = contract({
  name: 'update_issue',
  summary: 'Set an issue’s status (unresolved, resolved, ignored).',
  // Resolving or ignoring hides errors from alerting: not for every signed-up user (issue 12, #8).
  access: 'admin',
  input: { issue_id: z.number().int().positive(), status: issueStatus },
  response: z.object({ issue: issueSchema }),
});

export const trackError = contract({
  name: 'track_error',
  summary: 'Record one error event; it is grouped into an issue by fingerprint.',
  access: 'ingest',
  input: errorEventSchema.shape,
  response: trackedEventSchema,
});

export const trackErrors = contract({
  name: 'track_errors',
  summary: 'Record up to 1,000 error events at once; one bad event rejects the batch.',
  access: 'ingest',
  input: { events: z.array(errorEventSchema).min(1).max(1000) },
  response: z.object({ accepted: z.number(), events: z.array(trackedEventSchema) }),
});

/** Every action of `error-tracking`, in the order list_actions answers them. */
export const contracts = [
  healthCheck,
  trackError,
  trackErrors,
  getErrorRate,
  listIssues,
  updateIssue,
  createAlertRule,
  listAlertRules,
  deleteAlertRule,
  checkErrorAlerts,
  listActions,
] as const;
