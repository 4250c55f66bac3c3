import { AppError } from '../app-error.ts';
import type { StartDeploymentInput } from '../contracts/start-deployment-input.ts';
import type { Step } from '../model/step.ts';
import type { Sql } from '../sql/client.ts';
import type { DeploymentRow } from '../sql/deployments.ts';
import { stagedSuccessfully } from '../sql/deployments.ts';
import { selectFreezes } from '../sql/environments.ts';
import { activeFreeze, insideChangeWindow } from './change-windows.ts';
import type { Environment } from './environment.ts';
import { checkGates } from './quality-gates.ts';

/** Runs before a production start (the database gate); a fail refuses unless overridden. */
export type PreDeploymentCheck = (
  sql: Sql,
) => Promise<{ verdict: 'pass' | 'warn' | 'fail'; details?: unknown }>;

/**
 * The rules a start must pass, in the order the documents list them: quality gates, staging
 * first (or a hotfix), change window, freeze, the database gate. Each refusal is a 422 saying
 * what failed; an override with a reason lifts the window, freeze and database rules only.
 */
export async function checkStartRules(
  tx: Sql,
  env: Environment,
  input: StartDeploymentInput,
  now: Date,
  preDeploymentCheck?: PreDeploymentCheck,
) {
  const overridden = input.override?.reason;
  const failures = checkGates(env.quality_gates, input.gates);
  if (failures.length) {
    throw new AppError(
      422,
      'quality_gates_failed',
      `${failures.length} quality gate(s) not met: ${failures.map((f) => f.gate).join(', ')}`,
      {
        details: { failures },
      },
    );
  }
  if (
    env.requires_staging &&
    !input.hotfix &&
    !(await stagedSuccessfully(tx, input.version, input.service))
  ) {
    throw new AppError(
      422,
      'staging_required',
      `version ${input.version} has no successful staging deployment; deploy it to staging first or mark a hotfix with a reason`,
    );
  }
  const window = insideChangeWindow(env.change_windows, input.deployment_type, now);
  if (!window.allowed && !overridden) {
    throw new AppError(
      422,
      'outside_change_window',
      `${input.deployment_type} deployments to ${env.name} may only start inside their change window`,
      {
        details: { windows: window.governing, now: now.toISOString() },
      },
    );
  }
  const freeze = activeFreeze(await selectFreezes(tx, env.name, now), now);
  if (freeze && !overridden) {
    throw new AppError(
      422,
      'deployment_freeze',
      `${env.name} is frozen until ${freeze.ends_at.toISOString()}: ${freeze.reason}`,
      { details: { freeze } },
    );
  }
  const dbCheck = env.database_gate && preDeploymentCheck ? await preDeploymentCheck(tx) : null;
  if (dbCheck?.verdict === 'fail' && !overridden) {
    throw new AppError(
      422,
      'pre_deployment_check_failed',
      'the database pre-deployment check failed',
      { details: dbCheck },
    );
  }
  return { dbCheck };
}

export function stepsFor(strategy: 'canary' | 'direct', steps: Step[] | undefined): Step[] {
  if (strategy === 'direct') return [{ weight: 100, pause_seconds: 0 }];
  const list = steps ?? [];
  const increasing = list.every((s, i) => i === 0 || s.weight > (list[i - 1]?.weight ?? 0));
  if (!increasing || list.at(-1)?.weight !== 100) {
    throw new AppError(
      422,
      'invalid_steps',
      'canary steps must have increasing weights ending at 100',
      { details: { steps: list } },
    );
  }
  return list;
}

export function activeConflict(active: DeploymentRow): AppError {
  return new AppError(
    409,
    'active_deployment_exists',
    `${active.service === 'default' ? active.environment : `${active.service} in ${active.environment}`} already has an active rollout (${active.deployment_id}, ${active.status})`,
    {
      details: {
        deployment_id: active.deployment_id,
        service: active.service,
        status: active.status,
        current_step: active.current_step,
      },
    },
  );
}
