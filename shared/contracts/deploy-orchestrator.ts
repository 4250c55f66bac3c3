import { z } from 'zod';
import { ALL_ENVIRONMENTS } from '../access/permissions.ts';
import { analysisSpecSchema } from '../model/analysis-spec.ts';
import { STATUSES } from '../model/deployment-status.ts';
import { ROLLGATE_ROLES } from '../model/grant.ts';
import { serviceSchema } from '../rollout/service.ts';
import { healthCheck, listActions } from './common.ts';
import { contract } from './contract.ts';
import {
  analysisSettingsSchema,
  deploymentSchema,
  deploymentStatusSchema,
  thresholdsSchema,
} from './deployment.ts';
import { IGNORED_ACTOR, timestamp } from './fields.ts';
import { startDeploymentInput } from './start-deployment-input.ts';

/** A step as the pre-flight sizes it: min_canary_requests is what it answers. */
const preflightStepSchema = z.object({
  weight: z.number().int().min(1).max(100),
  pause_seconds: z.number().int().min(0).max(86_400),
});

const grant = {
  user_id: z.uuid(),
  role: z.enum(ROLLGATE_ROLES),
  environment: z
    .string()
    .regex(/^(\*|[a-z][a-z0-9_-]{0,62})$/, 'an environment name, or * for every environment')
    .default(ALL_ENVIRONMENTS),
};

const name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, - and _ (1-63)');

const checkpointSchema = z.object({
  chain_seq: z.number().int().positive(),
  head_hash: z.string().regex(/^[0-9a-f]{64}$/),
  row_count: z.number().int().nonnegative(),
  created_at: z.string().min(1).max(40),
  hmac: z.string().min(1).max(200),
});

/** A rollout step as the API answers it (the request limits are stepSchema's). */
const stepView = z.object({
  weight: z.number(),
  pause_seconds: z.number(),
  min_canary_requests: z.number().optional(),
});

const flagSchema = z.object({
  id: z.number(),
  name: z.string(),
  enabled: z.boolean(),
  environment: z.string(),
  rollout_percentage: z.number(),
  user_criteria: z.unknown(),
  created_at: timestamp,
  updated_at: timestamp,
});

const webhookTargetSchema = z.object({
  environment: z.string(),
  url_prefix: z.string(),
  note: z.string().nullable(),
  added_by: z.string(),
  added_at: timestamp,
});

/** An ingest key as listed: never the key itself. */
const ingestKeySchema = z.object({
  name: z.string(),
  scope: z.enum(['errors', 'telemetry']),
  environment: z.string(),
  created_by: z.string(),
  created_at: timestamp,
  revoked_at: timestamp.nullable(),
});

const flagKey = { name: z.string().min(1).max(255), environment: z.string().min(1).max(50) };

const recordSchema = z.looseObject({
  id: z.number(),
  deployment_id: z.string(),
  event: z.string(),
  source: z.string(),
  created_at: z.string().optional(),
});

const environment = z.string().min(1).max(50);

export const auditCheckpoint = contract({
  name: 'audit_checkpoint',
  summary: 'Sign the audit chain’s head and send the checkpoint out (for pg_cron).',
  access: 'service',
  input: {},
  response: z.object({
    written: z
      .object({
        hmac: z.string(),
        chain_seq: z.number(),
        head_hash: z.string(),
        row_count: z.number(),
        created_at: timestamp,
      })
      .nullable(),
    skipped: z.string().optional(),
  }),
});

export const databaseWebhook = contract({
  name: 'database_webhook',
  summary: 'Receives the deployment_audit INSERT webhook (Supabase payload); service_role only.',
  access: 'service',
  input: {
    payload: z.object({
      type: z.enum(['INSERT', 'UPDATE', 'DELETE']),
      table: z.string(),
      schema: z.string(),
      record: recordSchema.nullable(),
      old_record: z.unknown().optional(),
    }),
  },
  response: z.union([
    z.object({
      handled: z.boolean(),
      deployment_id: z.string(),
      event: z.string(),
    }),
    z.object({
      handled: z.boolean(),
      reason: z.string(),
    }),
  ]),
});

export const listEnvironments = contract({
  name: 'list_environments',
  summary: 'Environments with approval, staging, steps, thresholds, gates and change windows.',
  access: 'view',
  input: {},
  response: z.object({
    environments: z.array(
      z.object({
        name: z.string(),
        rank: z.number(),
        requires_approval: z.boolean(),
        requires_staging: z.boolean(),
        default_strategy: z.enum(['canary', 'direct']),
        default_steps: z.array(stepView),
        thresholds: thresholdsSchema.partial(),
        quality_gates: z.record(
          z.string(),
          z.object({
            min: z.number().optional(),
            max: z.number().optional(),
          }),
        ),
        change_windows: z.array(
          z.object({
            days: z.array(z.number()),
            start: z.string(),
            end: z.string(),
            deployment_types: z.array(z.string()).optional(),
          }),
        ),
        progress_deadline_seconds: z.number(),
        database_gate: z.boolean(),
        max_inconclusive_holds: z.number(),
        /** The environment's default analysis spec; its thresholds are `thresholds` above. */
        analysis: analysisSpecSchema,
      }),
    ),
  }),
});

export const createFreeze = contract({
  name: 'create_freeze',
  summary:
    'Freeze an environment for a period: starts are refused unless overridden with a reason.',
  access: 'admin',
  input: {
    environment: z.string().min(1).max(50),
    starts_at: z.iso.datetime({ offset: true }),
    ends_at: z.iso.datetime({ offset: true }),
    reason: z.string().trim().min(3).max(1000),
  },
  response: z.object({
    freeze: z.object({
      id: z.number(),
      environment: z.string(),
      starts_at: timestamp,
      ends_at: timestamp,
      reason: z.string(),
    }),
  }),
});

const { thresholds, metrics, on_failure, dry_run, custom_metrics } = analysisSpecSchema.shape;

export const setEnvironmentAnalysis = contract({
  name: 'set_environment_analysis',
  summary:
    "Change an environment's default analysis: thresholds (alpha, margins, limits, min_samples, max_failed_health_checks, bake_seconds), per-metric settings, on_failure, dry_run, custom_metrics. Deployments' own specs override it.",
  access: 'admin',
  input: {
    environment: z.string().min(1).max(50),
    thresholds,
    metrics,
    on_failure,
    dry_run,
    custom_metrics,
  },
  response: analysisSettingsSchema.extend({
    environment: z.string(),
    before: thresholdsSchema,
    spec_before: analysisSpecSchema.nullable(),
  }),
});

export const getEnvironmentAnalysis = contract({
  name: 'get_environment_analysis',
  summary:
    "An environment's default analysis: its thresholds, its default spec, and every metric's effective settings.",
  access: 'view',
  input: { environment: z.string().min(1).max(50) },
  response: analysisSettingsSchema.extend({ environment: z.string() }),
});

export const setFlag = contract({
  name: 'set_flag',
  summary: 'Create or change a feature flag (enabled, rollout percentage, user criteria).',
  access: 'deploy',
  input: {
    ...flagKey,
    enabled: z.boolean(),
    rollout_percentage: z.number().int().min(0).max(100).default(100),
    user_criteria: z.record(z.string(), z.unknown()).nullable().default(null),
  },
  response: z.object({ flag: flagSchema }),
});

export const listFlags = contract({
  name: 'list_flags',
  summary: 'Feature flags, optionally of one environment.',
  access: 'read',
  input: { environment: z.string().min(1).max(50).optional() },
  response: z.object({ flags: z.array(flagSchema) }),
});

export const evaluateFlag = contract({
  name: 'evaluate_flag',
  summary: 'Whether a flag is on for a subject (sticky percentage bucketing).',
  access: 'read',
  input: { ...flagKey, subject: z.string().min(1).max(255) },
  response: z.object({
    name: z.string(),
    environment: z.string(),
    subject: z.string(),
    enabled: z.boolean(),
    bucket: z.number(),
    rollout_percentage: z.number(),
  }),
});

export const getStatus = contract({
  name: 'get_status',
  summary:
    'A rollout’s status, step and weight, every analysis verdict with its evidence, and its audit trail.',
  access: 'read',
  input: { deployment_id: z.string().min(1).max(100) },
  response: deploymentStatusSchema,
});

export const listDeployments = contract({
  name: 'list_deployments',
  summary: 'Deployments, newest first, optionally by environment, service and status.',
  access: 'read',
  input: {
    environment: z.string().min(1).max(50).optional(),
    service: serviceSchema.optional(),
    status: z.enum(STATUSES).optional(),
    limit: z.number().int().min(1).max(500).default(50),
  },
  response: z.object({ deployments: z.array(deploymentSchema), count: z.number() }),
});

/** What grant_role and revoke_role answer: the grant, and whether it changed anything. */
const grantChange = z.object({
  subject: z.string(),
  role: z.enum(ROLLGATE_ROLES),
  environment: z.string(),
  changed: z.boolean(),
});

export const grantRole = contract({
  name: 'grant_role',
  summary:
    'Grant a Supabase Auth user a Rollgate role (viewer, deployer, approver, admin), in one environment or all (*).',
  access: 'admin',
  input: grant,
  response: grantChange,
});

export const revokeRole = contract({
  name: 'revoke_role',
  summary: 'Take a Rollgate role back from a user.',
  access: 'admin',
  input: grant,
  response: grantChange,
});

export const listGrants = contract({
  name: 'list_grants',
  summary: 'Every Rollgate role granted, to whom, where and by whom.',
  access: 'admin',
  input: {},
  response: z.object({
    grants: z.array(
      z.object({
        subject: z.string(),
        granted_by: z.string(),
        granted_at: timestamp,
        role: z.enum(['admin', 'viewer', 'deployer', 'approver']),
        environment: z.string(),
      }),
    ),
  }),
});

export const whoami = contract({
  name: 'whoami',
  summary: 'The caller as its credential proves it, its Rollgate roles and permissions.',
  access: 'read',
  input: {},
  response: z.object({
    identity: z.string(),
    label: z.string(),
    supabase_role: z.enum(['anon', 'authenticated', 'service_role']),
    grants: z.array(
      z.object({
        role: z.enum(['admin', 'viewer', 'deployer', 'approver']),
        environment: z.string(),
      }),
    ),
    permissions: z.array(z.string()),
  }),
});

export const createIngestKey = contract({
  name: 'create_ingest_key',
  summary:
    'Create a named ingest key for telemetry, or for error events only (one a browser may hold); the key is shown once.',
  access: 'admin',
  input: {
    name,
    scope: z.enum(['telemetry', 'errors']),
    environment: z
      .string()
      .regex(/^(\*|[a-z][a-z0-9_-]{0,62})$/, 'an environment name, or * for every environment')
      .default(ALL_ENVIRONMENTS),
  },
  response: z.object({ key: z.string(), ...ingestKeySchema.shape }),
});

export const listIngestKeys = contract({
  name: 'list_ingest_keys',
  summary:
    'Every ingest key: name, scope, environment, who created it, whether revoked (never the key).',
  access: 'admin',
  input: {},
  response: z.object({ keys: z.array(ingestKeySchema) }),
});

export const revokeIngestKey = contract({
  name: 'revoke_ingest_key',
  summary: 'Revoke an ingest key: it is refused (401) from then on.',
  access: 'admin',
  input: { name },
  response: z.object({
    name: z.string(),
    changed: z.boolean(),
  }),
});

export const listNotifications = contract({
  name: 'list_notifications',
  summary: 'Slack notifications with their delivery status, attempts and last error.',
  access: 'view',
  input: {
    status: z.enum(['pending', 'delivered', 'failed', 'skipped']).optional(),
    deployment_id: z.string().min(1).max(100).optional(),
    limit: z.number().int().min(1).max(500).default(100),
  },
  response: z.object({
    notifications: z.array(
      z.object({
        id: z.number(),
        deployment_id: z.string(),
        kind: z.string(),
        channel: z.enum(['default', 'emergency']),
        message: z.object({
          text: z.string(),
          blocks: z.array(z.record(z.string(), z.unknown())),
        }),
        status: z.string(),
        attempts: z.number(),
        last_error: z.string().nullable(),
        created_at: timestamp,
        delivered_at: timestamp.nullable(),
        source: z.string(),
        suppressed: z.number(),
        summary_minute: timestamp.nullable(),
      }),
    ),
    count: z.number(),
  }),
});

export const preflight = contract({
  name: 'preflight',
  summary:
    'Pre-flight power report: from the last hour of traffic, what a canary plan detects, and its steps sized (min_canary_requests) to catch the targets with about 95 % power.',
  access: 'view',
  input: {
    environment: z.string().min(1).max(50),
    steps: z.array(preflightStepSchema).min(1).max(20).optional(),
    detect: z
      .object({
        error_rate: z.number().gt(0).max(100).optional(),
        latency_factor: z.number().gt(1).max(100).optional(),
      })
      .optional(),
  },
  response: z.object({
    environment: z.string(),
    traffic: z.object({
      requests_per_second: z.number(),
      error_rate: z.number(),
      requests_last_hour: z.number(),
    }),
    plan_as_given: z.object({
      steps: z.array(stepView),
      canary_requests_by_time: z.number(),
      detectable_error_rate: z.number().nullable(),
    }),
    targets: z.object({
      error_rate: z.number(),
      latency_factor: z.number(),
      canary_requests_for_errors: z.number().nullable(),
      canary_requests_for_latency: z.number().nullable(),
    }),
    sized_steps: z.array(stepView),
    expected_step_seconds: z.array(z.number()),
    alpha: z.number(),
    summary: z.string(),
  }),
});

export const startDeployment = contract({
  name: 'start_deployment',
  summary:
    'Start a rollout (canary steps or direct) after checking gates, staging, windows, freezes and the database.',
  access: 'deploy',
  input: { ...startDeploymentInput, actor: IGNORED_ACTOR },
  response: deploymentSchema,
});

export const tick = contract({
  name: 'tick',
  summary:
    'Work the due queue jobs (step timers, traffic webhooks, notifications); for a cron caller.',
  access: 'service',
  input: { max_jobs: z.number().int().min(1).max(500).default(50) },
  response: z.object({
    processed: z.number(),
    jobs: z.array(
      z.object({
        queue: z.string(),
        id: z.string(),
        outcome: z.enum(['failed', 'completed']),
        error: z.string().optional(),
      }),
    ),
  }),
});

export const verifyAudit = contract({
  name: 'verify_audit',
  summary:
    'Verify the audit log’s hash chain (every break) and, given one, against a signed checkpoint.',
  access: 'view',
  input: { checkpoint: checkpointSchema.optional() },
  response: z.object({
    checkpoint: z
      .object({
        chain_seq: z.number(),
        matches: z.boolean(),
        problems: z.array(z.string()),
      })
      .optional(),
    intact: z.boolean(),
    rows_checked: z.number(),
    first_broken_id: z.number().nullable(),
    reason: z.string().nullable(),
    breaks: z.array(
      z.object({
        chain_seq: z.number(),
        id: z.number(),
        reason: z.string(),
      }),
    ),
  }),
});

export const allowWebhookTarget = contract({
  name: 'allow_webhook_target',
  summary: 'Admin: allow traffic webhooks of an environment to a URL prefix.',
  access: 'admin',
  input: { environment, url: z.string().min(1).max(2000), note: z.string().max(500).optional() },
  response: z.object({ target: webhookTargetSchema }),
});

export const removeWebhookTarget = contract({
  name: 'remove_webhook_target',
  summary: 'Admin: remove a traffic-webhook target from an environment’s allowlist.',
  access: 'admin',
  input: { environment, url: z.string().min(1).max(2000) },
  response: z.object({ removed: z.string().optional() }),
});

export const listWebhookTargets = contract({
  name: 'list_webhook_targets',
  summary: 'Admin: the traffic-webhook allowlist, optionally of one environment.',
  access: 'admin',
  input: { environment: environment.optional() },
  response: z.object({ targets: z.array(webhookTargetSchema) }),
});

const commandTarget = {
  deployment_id: z.string().min(1).max(100),
  actor: IGNORED_ACTOR,
};

export const approve = contract({
  name: 'approve',
  summary: 'Approve a rollout waiting for approval (not by its deployer).',
  access: 'approve',
  input: commandTarget,
  response: deploymentSchema,
});

export const promote = contract({
  name: 'promote',
  summary:
    'Skip the current pause (the judge is still asked: a failing canary is refused with 409 analysis_failed): go to the next step, or with full: true straight to 100 %.',
  access: 'deploy',
  input: { ...commandTarget, full: z.boolean().default(false) },
  response: deploymentSchema,
});

export const pause = contract({
  name: 'pause',
  summary: 'Hold the rollout at its current step.',
  access: 'deploy',
  input: commandTarget,
  response: deploymentSchema,
});

export const resume = contract({
  name: 'resume',
  summary: 'Continue a paused rollout (its step waits only what is left of its pause).',
  access: 'deploy',
  input: commandTarget,
  response: deploymentSchema,
});

export const rollback = contract({
  name: 'rollback',
  summary:
    'Return traffic to the version live before this one, also after success (409 superseded once another deployment replaced it); records the reason and whether traffic moved.',
  access: 'deploy',
  input: { ...commandTarget, reason: z.string().trim().min(3).max(2000) },
  response: deploymentSchema.extend({ traffic_moved: z.enum(['moved', 'queued', 'not_moved']) }),
});

/** Every action of `deploy-orchestrator`, in the order list_actions answers them. */
export const contracts = [
  healthCheck,
  startDeployment,
  approve,
  promote,
  pause,
  resume,
  rollback,
  getStatus,
  listDeployments,
  verifyAudit,
  setFlag,
  listFlags,
  evaluateFlag,
  listEnvironments,
  createFreeze,
  setEnvironmentAnalysis,
  getEnvironmentAnalysis,
  listNotifications,
  preflight,
  databaseWebhook,
  tick,
  auditCheckpoint,
  allowWebhookTarget,
  removeWebhookTarget,
  listWebhookTargets,
  grantRole,
  revokeRole,
  listGrants,
  whoami,
  createIngestKey,
  listIngestKeys,
  revokeIngestKey,
  listActions,
] as const;
