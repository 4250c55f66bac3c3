import { z } from 'zod';
import { AppError } from '../app-error.ts';
import type { Status } from '../model/deployment-status.ts';
import type { Sql } from '../sql/client.ts';
import { insertAudit } from '../sql/deployment-audit.ts';
import { DEFAULT_SERVICE, serviceSchema } from './service.ts';

/** The runbook's statuses (started, success, failed, rolled_back) and ours. */
const STATUS_MAP: Record<string, Status> = {
  started: 'progressing',
  success: 'succeeded',
  succeeded: 'succeeded',
  failed: 'failed',
  rolled_back: 'rolled_back',
  progressing: 'progressing',
  paused: 'paused',
  pending_approval: 'pending_approval',
};

/** "2026-11-25 16:30:00 UTC" (the runbook's `date '+%Y-%m-%d %H:%M:%S UTC'`) or ISO 8601. */
export function parseRunbookTime(text: string): Date | null {
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/.test(text)
    ? `${text.slice(0, 10)}T${text.slice(11, 19)}Z`
    : text;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

const time = z
  .string()
  .min(1)
  .max(40)
  .refine((t) => parseRunbookTime(t) !== null, 'must be ISO 8601 or "YYYY-MM-DD HH:MM:SS UTC"');

export const loggedDeploymentSchema = z.object({
  deployment_id: z.string().min(1).max(255),
  environment: z.string().regex(/^[a-z][a-z0-9_-]{0,49}$/),
  service: serviceSchema.default(DEFAULT_SERVICE),
  status: z.string().refine((s) => s in STATUS_MAP, {
    message: `status must be one of ${Object.keys(STATUS_MAP).join(', ')}`,
  }),
  timestamp: time.optional(),
  started_at: time.optional(),
  completed_at: time.optional(),
  deployment_type: z.string().min(1).max(50).default('backend'),
  version: z.string().min(1).max(100).optional(),
  git_commit_hash: z
    .string()
    .regex(/^[0-9a-f]{7,40}$/i)
    .optional(),
  git_branch: z.string().min(1).max(255).optional(),
  deployed_by: z.string().min(1).max(255).optional(),
  error_message: z.string().max(10_000).optional(),
  rollback_reason: z.string().max(10_000).optional(),
  health_check_results: z.record(z.string(), z.unknown()).optional(),
  performance_metrics: z.record(z.string(), z.unknown()).optional(),
});
export type LoggedDeployment = z.infer<typeof loggedDeploymentSchema>;

/**
 * Records a deployment made by another tool: an audit row, and its tracked state (strategy
 * `external`, never blocking a rollout) so statistics and listings include it. Rollouts the
 * orchestrator runs cannot be written through here.
 */
export async function logDeployment(
  tx: Sql,
  d: LoggedDeployment,
  actor: string,
  // The caller's role, kept with the row: only a trusted reporter may page the emergency channel.
  reporterRole = 'unknown',
) {
  const status = STATUS_MAP[d.status] as Status;
  const at = parseRunbookTime(d.timestamp ?? d.started_at ?? '') ?? new Date();
  const started = d.started_at ? (parseRunbookTime(d.started_at) as Date) : at;
  const terminal = ['succeeded', 'failed', 'rolled_back'].includes(status);
  const completed = d.completed_at ? parseRunbookTime(d.completed_at) : terminal ? at : null;
  const [existing] = await tx<{ strategy: string; started_at: Date }[]>`
    select strategy, started_at from public.deployments where deployment_id = ${d.deployment_id} for update`;
  if (existing && existing.strategy !== 'external') {
    throw new AppError(
      409,
      'orchestrated_deployment',
      `${d.deployment_id} is run by the orchestrator; use its actions`,
    );
  }
  const deployedBy = d.deployed_by ?? actor;
  await tx`
    insert into public.deployments
      (deployment_id, environment, service, version, deployment_type, strategy, steps, status, current_step,
       current_weight, git_commit_hash, git_branch, deployed_by, started_at, completed_at,
       rollback_reason, error_message)
    values (${d.deployment_id}, ${d.environment}, ${d.service}, ${d.version ?? d.deployment_id}, ${d.deployment_type}, 'external',
       '[{"weight": 100, "pause_seconds": 0}]', ${status}, 0, ${status === 'succeeded' ? 100 : 0},
       ${d.git_commit_hash ?? null}, ${d.git_branch ?? null}, ${deployedBy}, ${started}, ${completed},
       ${d.rollback_reason ?? null}, ${d.error_message ?? null})
    on conflict (deployment_id) do update set
      status = excluded.status, current_weight = excluded.current_weight,
      completed_at = excluded.completed_at, rollback_reason = coalesce(excluded.rollback_reason, deployments.rollback_reason),
      error_message = coalesce(excluded.error_message, deployments.error_message), updated_at = now()`.catch(
    (err) => {
      if (err?.code === '23503')
        throw new AppError(
          422,
          'unknown_environment',
          `environment "${d.environment}" is not configured`,
        );
      throw err;
    },
  );
  const [row] = await insertAudit(tx, {
    deployment_id: d.deployment_id,
    environment: d.environment,
    deployment_type: d.deployment_type,
    git_commit_hash: d.git_commit_hash ?? null,
    git_branch: d.git_branch ?? null,
    deployed_by: deployedBy,
    deployment_status: status,
    started_at: existing?.started_at ?? started,
    completed_at: completed,
    error_message: d.error_message ?? null,
    rollback_reason: d.rollback_reason ?? null,
    health_check_results: d.health_check_results ?? null,
    performance_metrics: d.performance_metrics ?? null,
    event: `logged_${d.status}`,
    source: 'log_deployment',
    details: {
      actor,
      reporter_role: reporterRole,
      reported_status: d.status,
      service: d.service,
      ...(d.version ? { version: d.version } : {}),
    },
  });
  return { deployment_id: d.deployment_id, status, audit_id: row?.id ?? null };
}
