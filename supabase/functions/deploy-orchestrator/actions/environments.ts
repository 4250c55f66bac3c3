import { AppError } from '../../../../shared/app-error.ts';
import * as contracts from '../../../../shared/contracts/deploy-orchestrator.ts';
import { mergeSpecs, thresholdOverrides } from '../../../../shared/judge/analysis-spec.ts';
import { effectiveMetrics } from '../../../../shared/judge/metric-policy.ts';
import { analysisSpecSchema } from '../../../../shared/model/analysis-spec.ts';
import { type Environment, loadEnvironment } from '../../../../shared/rollout/environment.ts';
import type { Sql } from '../../../../shared/sql/client.ts';
import { insertAudit } from '../../../../shared/sql/deployment-audit.ts';
import {
  insertFreeze,
  mergeEnvironmentAnalysis,
  selectEnvironments,
} from '../../../../shared/sql/environments.ts';
import { defineAction } from '../../_shared/action.ts';
import { actorOf } from '../../_shared/actor.ts';
import { returnedRow } from '../../_shared/returned-row.ts';

export const listEnvironments = defineAction(
  contracts.listEnvironments,
  async (_input, { sql }) => {
    return { environments: await selectEnvironments(sql) };
  },
);

export const createFreeze = defineAction(contracts.createFreeze, async (input, { sql }) => {
  const starts = new Date(input.starts_at);
  const ends = new Date(input.ends_at);
  if (ends <= starts) throw new AppError(400, 'invalid_request', 'ends_at must be after starts_at');
  const rows = await insertFreeze(sql, {
    environment: input.environment,
    starts_at: starts,
    ends_at: ends,
    reason: input.reason,
  });
  return { freeze: returnedRow(rows, 'insert freeze') };
});

const isEmptyObject = (v: unknown) => typeof v === 'object' && v !== null && !Object.keys(v).length;

export const setEnvironmentAnalysis = defineAction(
  contracts.setEnvironmentAnalysis,
  async (input, { sql, caller }) => {
    const { environment } = input;
    const given = Object.fromEntries(
      Object.entries({
        thresholds: input.thresholds,
        metrics: input.metrics,
        on_failure: input.on_failure,
        dry_run: input.dry_run,
        custom_metrics: input.custom_metrics,
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
    const spec = checked.data;
    return sql.begin(async (tx) => {
      const before = await loadEnvironment(tx, environment);
      // A metric's own threshold is the environment's threshold: stored once, in `thresholds`.
      const metricsWithout = Object.fromEntries(
        Object.entries(
          mergeSpecs(before.analysis, { metrics: spec.metrics ?? {} })?.metrics ?? {},
        ).map(([n, { threshold: _, ...m }]) => [n, m]),
      );
      await mergeEnvironmentAnalysis(tx, before.name, thresholdOverrides(spec), {
        ...(spec.metrics ? { metrics: metricsWithout } : {}),
        ...(spec.on_failure ? { on_failure: spec.on_failure } : {}),
        ...(spec.dry_run ? { dry_run: spec.dry_run } : {}),
        ...(spec.custom_metrics ? { custom_metrics: spec.custom_metrics } : {}),
      });
      const after = await loadEnvironment(tx, before.name);
      const answer = {
        ...environmentAnalysis(after),
        before: before.thresholds,
        spec_before: before.analysis,
      };
      await recordAnalysisChange(tx, after, actorOf(caller), answer);
      return answer;
    });
  },
);

/**
 * Every change of an environment's analysis defaults is a row of the hash-chained audit log
 * (written by the orchestrator, so the audit webhook leaves it alone), under the id
 * `settings/<environment>` — no deployment id can hold a `/` — with who changed what, before and
 * after: the defaults are versioned where the rollouts they judge are.
 */
function recordAnalysisChange(
  tx: Sql,
  env: Environment,
  actor: string,
  change: { before: unknown; spec_before: unknown; thresholds: unknown; spec: unknown },
) {
  const now = new Date();
  return insertAudit(tx, {
    deployment_id: `settings/${env.name}`,
    environment: env.name,
    deployment_type: 'analysis_settings',
    git_commit_hash: null,
    git_branch: null,
    deployed_by: actor,
    deployment_status: 'changed',
    started_at: now,
    completed_at: now,
    error_message: null,
    rollback_reason: null,
    health_check_results: null,
    performance_metrics: null,
    event: 'environment_analysis_changed',
    source: 'orchestrator',
    details: {
      actor,
      before: { thresholds: change.before, spec: change.spec_before },
      after: { thresholds: change.thresholds, spec: change.spec },
    },
  });
}

/** An environment's analysis defaults as get_environment_analysis and the CLI show them. */
function environmentAnalysis(env: Environment) {
  return {
    environment: env.name,
    thresholds: env.thresholds,
    spec: env.analysis,
    metrics: effectiveMetrics(env.analysis, env.thresholds),
  };
}

export const getEnvironmentAnalysis = defineAction(
  contracts.getEnvironmentAnalysis,
  async (input, { sql }) => environmentAnalysis(await loadEnvironment(sql, input.environment)),
);
