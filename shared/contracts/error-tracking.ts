import { z } from 'zod';
import { ALERT_METRICS } from '../telemetry/alert-evaluation.ts';
import { errorEventSchema, windowQueryFields } from '../telemetry/schemas.ts';
import { timeWindowSchema } from '../telemetry/time-window.ts';
import { healthCheck, listActions } from './common.ts';
import { contract } from './contract.ts';

const issueStatus = z.enum(['unresolved', 'resolved', 'ignored']);

export const MAX_EVENTS_PER_CALL = 1000;

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
  response: z.unknown(),
});

export const listAlertRules = contract({
  name: 'list_alert_rules',
  summary: 'Every alert rule with its current state.',
  access: 'view',
  input: {},
  response: z.unknown(),
});

export const deleteAlertRule = contract({
  name: 'delete_alert_rule',
  summary: 'Remove an alert rule and its history.',
  access: 'admin',
  input: { rule_id: z.number().int().positive() },
  response: z.unknown(),
});

export const checkErrorAlerts = contract({
  name: 'check_error_alerts',
  summary: 'Evaluate every alert rule; answer the firing ones and what fired or resolved now.',
  access: 'admin',
  input: {},
  response: z.unknown(),
});

export const getErrorRate = contract({
  name: 'get_error_rate',
  summary:
    'Percent of requests with status >= 500 in a window, with request and error-event counts.',
  access: 'read',
  input: windowQueryFields,
  response: z.unknown(),
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
  response: z.unknown(),
});

export const updateIssue = contract({
  name: 'update_issue',
  summary: 'Set an issue’s status (unresolved, resolved, ignored).',
  // Resolving or ignoring hides errors from alerting: not for every signed-up user (issue 12, #8).
  access: 'admin',
  input: { issue_id: z.number().int().positive(), status: issueStatus },
  response: z.unknown(),
});

export const trackError = contract({
  name: 'track_error',
  summary: 'Record one error event; it is grouped into an issue by fingerprint.',
  access: 'ingest',
  input: errorEventSchema.shape,
  response: z.unknown(),
});

export const trackErrors = contract({
  name: 'track_errors',
  summary: 'Record up to 1,000 error events at once; one bad event rejects the batch.',
  access: 'ingest',
  input: { events: z.array(errorEventSchema).min(1).max(MAX_EVENTS_PER_CALL) },
  response: z.unknown(),
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
