import { z } from 'zod';
import { analysisSpecSchema } from '../model/analysis-spec.ts';
import { STATUSES } from '../model/deployment-status.ts';
import { stepSchema } from '../model/step.ts';
import { timestamp } from './fields.ts';

export const statusSchema = z.enum(STATUSES);

/** A deployment as the API answers it; a webhook's url reads `[hidden]` below view permission. */
export const deploymentSchema = z.object({
  deployment_id: z.string(),
  environment: z.string(),
  /** What the deployment changes (docs/deploy-orchestrator.md, "Services"). */
  service: z.string(),
  version: z.string(),
  deployment_type: z.string(),
  strategy: z.enum(['external', 'canary', 'direct']),
  status: statusSchema,
  current_step: z.number(),
  total_steps: z.number(),
  weight: z.number(),
  steps: z.array(stepSchema),
  traffic: z.discriminatedUnion('provider', [
    z.object({ provider: z.literal('none') }),
    z.object({ provider: z.literal('feature_flag'), flag: z.string() }),
    z.object({ provider: z.literal('webhook'), url: z.string() }),
  ]),
  git_commit_hash: z.string().nullable(),
  git_branch: z.string().nullable(),
  deployed_by: z.string().nullable(),
  approved_by: z.string().nullable(),
  hotfix: z.boolean(),
  hotfix_reason: z.string().nullable(),
  override_reason: z.string().nullable(),
  rollback_target: z.string().nullable(),
  started_at: timestamp,
  step_started_at: timestamp.nullable(),
  completed_at: timestamp.nullable(),
  rollback_reason: z.string().nullable(),
  error_message: z.string().nullable(),
});
export type Deployment = z.infer<typeof deploymentSchema>;

/** One verdict of the canary judge, with its evidence. */
export const analysisRunSchema = z.object({
  id: z.number(),
  step: z.number(),
  weight: z.number(),
  verdict: z.string(),
  trigger: z.string(),
  reasons: z.array(z.string()),
  evidence: z.record(z.string(), z.unknown()),
  decided_at: timestamp,
});
export type AnalysisRun = z.infer<typeof analysisRunSchema>;

/** A deployment with its verdicts and audit trail: what get_status answers. */
/** An environment's judge settings, every one filled in (shared/model/thresholds.ts Thresholds). */
export const thresholdsSchema = z.object({
  alpha: z.number(),
  max_error_rate: z.number(),
  error_rate_margin: z.number(),
  max_p95_ms: z.number(),
  latency_margin: z.number(),
  critical_margin: z.number(),
  min_samples: z.number(),
  min_health_score: z.number(),
  max_failed_health_checks: z.number(),
  max_latency_ratio: z.number(),
  confidence_z: z.number(),
  bake_seconds: z.number(),
});

/** One metric's effective settings (shared/judge/metric-policy.ts EffectiveMetric). */
export const effectiveMetricSchema = z.object({
  comparison: z.enum(['absolute', 'relative_to_stable']),
  threshold: z.object({ setting: z.string(), value: z.number(), unit: z.string() }).nullable(),
  direction: z.enum(['increase', 'decrease', 'either']),
  critical: z.boolean(),
  dry_run: z.boolean(),
  no_data: z.enum(['hold', 'fail', 'pass', 'pause']),
  no_data_means: z.string(),
  on_failure: z.enum(['rollback', 'pause']),
});

/** What a deployment is judged by, or an environment's defaults: spec, thresholds, metrics. */
export const analysisSettingsSchema = z.object({
  spec: analysisSpecSchema.nullable(),
  thresholds: thresholdsSchema,
  metrics: z.record(z.string(), effectiveMetricSchema),
});
export type AnalysisSettings = z.infer<typeof analysisSettingsSchema>;

export const deploymentStatusSchema = deploymentSchema.extend({
  analysis: analysisSettingsSchema,
  analyses: z.array(analysisRunSchema),
  events: z.array(
    z.object({
      id: z.number(),
      event: z.string(),
      status: z.string(),
      at: timestamp,
      details: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type DeploymentStatus = z.infer<typeof deploymentStatusSchema>;
