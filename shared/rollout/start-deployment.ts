import { AppError } from '../app-error.ts';
import type { StartDeploymentInput } from '../contracts/start-deployment-input.ts';
import { mergeSpecs } from '../judge/analysis-spec.ts';
import { effectiveMetrics } from '../judge/metric-policy.ts';
import type { AnalysisSpec } from '../model/analysis-spec.ts';
import type { Sql } from '../sql/client.ts';
import {
  type DeploymentRow,
  insertDeployment,
  selectActiveDeployment,
  selectStableVersion,
} from '../sql/deployments.ts';
import { applyTransition } from './apply-transition.ts';
import { type Environment, loadEnvironment, settingsFor } from './environment.ts';
import {
  activeConflict,
  checkStartRules,
  type PreDeploymentCheck,
  stepsFor,
} from './start-rules.ts';
import { initialTransition } from './state-machine.ts';

/**
 * Starts a rollout: every rule is checked against the current state first (gates, staging first,
 * change window, freeze, database check, one active rollout per environment and service), then the deployment row, its first
 * audit row, traffic and step timer are written in the caller's transaction.
 */
export async function startDeployment(
  tx: Sql,
  input: StartDeploymentInput,
  actor: string,
  now: Date,
  preDeploymentCheck?: PreDeploymentCheck,
): Promise<DeploymentRow> {
  const env = await loadEnvironment(tx, input.environment);
  const strategy = input.strategy ?? env.default_strategy;
  const steps = stepsFor(
    strategy,
    input.steps ?? (strategy === 'canary' ? env.default_steps : undefined),
  );
  const overridden = input.override?.reason;

  const { dbCheck } = await checkStartRules(tx, env, input, now, preDeploymentCheck);
  const scope = { environment: env.name, service: input.service };
  const [active] = await selectActiveDeployment(tx, scope);
  if (active) throw activeConflict(active);

  const [row] = await insertDeployment(tx, {
    deployment_id: input.deployment_id ?? newDeploymentId(now),
    environment: env.name,
    service: input.service,
    version: input.version,
    deployment_type: input.deployment_type,
    strategy,
    steps,
    traffic: input.traffic,
    status: 'pending_approval',
    current_step: 0,
    current_weight: 0,
    git_commit_hash: input.git_commit_hash ?? null,
    git_branch: input.git_branch ?? null,
    commit_time: input.commit_time ? new Date(input.commit_time) : null,
    deployed_by: actor,
    hotfix_reason: input.hotfix?.reason ?? null,
    override_reason: overridden ?? null,
    previous_version: await selectStableVersion(tx, scope),
    gate_evidence: input.gates,
    step_started_at: null,
    started_at: now,
    analysis: input.analysis ?? null,
  }).catch((err) => {
    if (err?.code === '23505')
      throw new AppError(
        409,
        'conflict',
        'a deployment with this id exists, or another rollout of this service just started in this environment',
      );
    throw err;
  });
  const deployment = row as DeploymentRow;
  const t = initialTransition(deployment, env.requires_approval);
  return applyTransition(tx, deployment, t, {
    command: 'start_deployment',
    actor,
    now,
    details: {
      service: input.service,
      strategy,
      steps,
      gates: input.gates,
      ...(input.hotfix ? { hotfix: input.hotfix.reason } : {}),
      ...(overridden ? { override: overridden } : {}),
      ...(dbCheck ? { pre_deployment_check: dbCheck.verdict } : {}),
      // The analysis this rollout is judged by, as of its start — its own spec over the
      // environment's defaults, the thresholds and every metric's settings: versioned with the
      // audit chain.
      analysis: startingAnalysis(env, input.analysis ?? null),
    },
  });
}

function startingAnalysis(env: Environment, spec: AnalysisSpec | null) {
  const thresholds = settingsFor(env, spec);
  const merged = mergeSpecs(env.analysis, spec);
  return { ...(spec ?? {}), thresholds, metrics: effectiveMetrics(merged, thresholds) };
}

function newDeploymentId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const random = crypto.getRandomValues(new Uint8Array(4));
  return `dep_${stamp}_${[...random].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
