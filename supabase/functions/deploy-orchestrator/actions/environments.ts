import { z } from 'zod';
import { AppError } from '../../../../shared/app-error.ts';
import {
  analysisSpecSchema,
  mergeSpecs,
  thresholdOverrides,
} from '../../../../shared/judge/analysis-spec.ts';
import { effectiveMetrics } from '../../../../shared/judge/metric-policy.ts';
import { type Environment, loadEnvironment } from '../../../../shared/rollout/environment.ts';
import {
  insertFreeze,
  mergeEnvironmentAnalysis,
  selectEnvironments,
} from '../../../../shared/sql/environments.ts';
import { defineAction } from '../../_shared/action.ts';

export const listEnvironments = defineAction({
  name: 'list_environments',
  summary: 'Environments with approval, staging, steps, thresholds, gates and change windows.',
  access: 'view',
  input: {},
  async handler(_input, { sql }) {
    return { environments: await selectEnvironments(sql) };
  },
});

export const createFreeze = defineAction({
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
  async handler(input, { sql }) {
    const starts = new Date(input.starts_at);
    const ends = new Date(input.ends_at);
    if (ends <= starts)
      throw new AppError(400, 'invalid_request', 'ends_at must be after starts_at');
    const [freeze] = await insertFreeze(sql, {
      environment: input.environment,
      starts_at: starts,
      ends_at: ends,
      reason: input.reason,
    });
    return { freeze };
  },
});

const { thresholds, metrics, on_failure, dry_run } = analysisSpecSchema.shape;
const isEmptyObject = (v: unknown) => typeof v === 'object' && v !== null && !Object.keys(v).length;

export const setEnvironmentAnalysis = defineAction({
  name: 'set_environment_analysis',
  summary:
    "Change an environment's default analysis: thresholds (alpha, margins, limits, min_samples, max_failed_health_checks, bake_seconds), per-metric settings, on_failure, dry_run. Deployments' own specs override it.",
  access: 'admin',
  input: {
    environment: z.string().min(1).max(50),
    thresholds,
    metrics,
    on_failure,
    dry_run,
  },
  async handler(input, { sql }) {
    const { environment } = input;
    const given = Object.fromEntries(
      Object.entries({
        thresholds: input.thresholds,
        metrics: input.metrics,
        on_failure: input.on_failure,
        dry_run: input.dry_run,
      }).filter(([, v]) => v !== undefined && (Array.isArray(v) || !isEmptyObject(v))),
    );
    const checked = analysisSpecSchema.safeParse(given);
    if (!checked.success || Object.keys(given).length === 0)
      throw new AppError(
        400,
        'validation_failed',
        checked.success
          ? 'name at least one setting'
          : checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    const before = await loadEnvironment(sql, environment);
    const spec = checked.data;
    // A metric's own threshold is the environment's threshold: stored once, in `thresholds`.
    const metricsWithout = Object.fromEntries(
      Object.entries(
        mergeSpecs(before.analysis, { metrics: spec.metrics ?? {} })?.metrics ?? {},
      ).map(([n, { threshold: _, ...m }]) => [n, m]),
    );
    await mergeEnvironmentAnalysis(sql, before.name, thresholdOverrides(spec), {
      ...(spec.metrics ? { metrics: metricsWithout } : {}),
      ...(spec.on_failure ? { on_failure: spec.on_failure } : {}),
      ...(spec.dry_run ? { dry_run: spec.dry_run } : {}),
    });
    const after = await loadEnvironment(sql, before.name);
    return {
      ...environmentAnalysis(after),
      before: before.thresholds,
      spec_before: before.analysis,
    };
  },
});

/** An environment's analysis defaults as get_environment_analysis and the CLI show them. */
function environmentAnalysis(env: Environment) {
  return {
    environment: env.name,
    thresholds: env.thresholds,
    spec: env.analysis,
    metrics: effectiveMetrics(env.analysis, env.thresholds),
  };
}

export const getEnvironmentAnalysis = defineAction({
  name: 'get_environment_analysis',
  summary:
    "An environment's default analysis: its thresholds, its default spec, and every metric's effective settings.",
  access: 'view',
  input: { environment: z.string().min(1).max(50) },
  async handler(input, { sql }) {
    return environmentAnalysis(await loadEnvironment(sql, input.environment));
  },
});
