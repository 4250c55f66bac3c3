import { z } from 'zod';
import { AppError } from '../app-error.ts';
import type { Sql } from '../sql/client.ts';
import {
  type DeploymentRow,
  insertDeployment,
  selectActiveDeployment,
  selectStableVersion,
  stagedSuccessfully,
} from '../sql/deployments.ts';
import { selectFreezes } from '../sql/environments.ts';
import { applyTransition } from './apply-transition.ts';
import { activeFreeze, insideChangeWindow } from './change-windows.ts';
import { loadEnvironment } from './environment.ts';
import { checkGates, gateEvidenceSchema } from './quality-gates.ts';
import { initialTransition } from './state-machine.ts';
import type { Step, Traffic } from './types.ts';

const stepSchema = z.object({
  weight: z.number().int().min(1).max(100),
  pause_seconds: z.number().int().min(0).max(86_400),
});

export const startDeploymentInput = {
  environment: z.string().min(1).max(50),
  version: z.string().trim().min(1).max(100),
  deployment_id: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,100}$/)
    .optional(),
  deployment_type: z
    .string()
    .regex(/^[a-z_]{1,50}$/)
    .default('backend'),
  git_commit_hash: z
    .string()
    .regex(/^[0-9a-f]{7,40}$/i)
    .optional(),
  git_branch: z.string().min(1).max(255).optional(),
  commit_time: z.iso.datetime({ offset: true }).optional(),
  strategy: z.enum(['canary', 'direct']).optional(),
  steps: z.array(stepSchema).min(1).max(20).optional(),
  traffic: z
    .discriminatedUnion('provider', [
      z.object({ provider: z.literal('none') }),
      z.object({ provider: z.literal('feature_flag'), flag: z.string().min(1).max(255) }),
      z.object({ provider: z.literal('webhook'), url: z.url({ protocol: /^https?$/ }) }),
    ])
    .default({ provider: 'none' }),
  gates: gateEvidenceSchema.default({}),
  hotfix: z.object({ reason: z.string().trim().min(3).max(1000) }).optional(),
  override: z.object({ reason: z.string().trim().min(3).max(1000) }).optional(),
};
const schema = z.object(startDeploymentInput);
export type StartDeploymentInput = z.infer<typeof schema>;

/** Runs before a production start (the database gate); a fail refuses unless overridden. */
export type PreDeploymentCheck = (
  sql: Sql,
) => Promise<{ verdict: 'pass' | 'warn' | 'fail'; details?: unknown }>;

/**
 * Starts a rollout: every rule is checked against the current state first (gates, staging first,
 * change window, freeze, database check, one active rollout), then the deployment row, its first
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
  if (env.requires_staging && !input.hotfix && !(await stagedSuccessfully(tx, input.version))) {
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
  const [active] = await selectActiveDeployment(tx, env.name);
  if (active) throw activeConflict(active);

  const [row] = await insertDeployment(tx, {
    deployment_id: input.deployment_id ?? newDeploymentId(now),
    environment: env.name,
    version: input.version,
    deployment_type: input.deployment_type,
    strategy,
    steps,
    traffic: input.traffic as Traffic,
    status: 'pending_approval',
    current_step: 0,
    current_weight: 0,
    git_commit_hash: input.git_commit_hash ?? null,
    git_branch: input.git_branch ?? null,
    commit_time: input.commit_time ? new Date(input.commit_time) : null,
    deployed_by: actor,
    hotfix_reason: input.hotfix?.reason ?? null,
    override_reason: overridden ?? null,
    previous_version: await selectStableVersion(tx, env.name),
    gate_evidence: input.gates as Record<string, number>,
    step_started_at: null,
    started_at: now,
  }).catch((err) => {
    if (err?.code === '23505')
      throw new AppError(
        409,
        'conflict',
        'a deployment with this id exists, or another rollout just started in this environment',
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
      strategy,
      steps,
      gates: input.gates,
      ...(input.hotfix ? { hotfix: input.hotfix.reason } : {}),
      ...(overridden ? { override: overridden } : {}),
      ...(dbCheck ? { pre_deployment_check: dbCheck.verdict } : {}),
    },
  });
}

function stepsFor(strategy: 'canary' | 'direct', steps: Step[] | undefined): Step[] {
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
    `${active.environment} already has an active rollout (${active.deployment_id}, ${active.status})`,
    {
      details: {
        deployment_id: active.deployment_id,
        status: active.status,
        current_step: active.current_step,
      },
    },
  );
}

function newDeploymentId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const random = crypto.getRandomValues(new Uint8Array(4));
  return `dep_${stamp}_${[...random].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
