import { ROLE_PERMISSIONS } from '../../../../shared/access/permissions.ts';
import type { Encodable } from '../../../../shared/contracts/contract.ts';
import type { Deployment } from '../../../../shared/contracts/deployment.ts';
import type { DeploymentRow } from '../../../../shared/sql/deployments.ts';
import type { Caller } from '../../_shared/action.ts';

/** The public shape of a deployment: what get_status, list_deployments and commands answer. */
export function deploymentView(deployment: DeploymentRow): Encodable<Deployment> {
  return {
    deployment_id: deployment.deployment_id,
    environment: deployment.environment,
    service: deployment.service,
    version: deployment.version,
    deployment_type: deployment.deployment_type,
    strategy: deployment.strategy,
    status: deployment.status,
    current_step: deployment.current_step,
    total_steps: deployment.steps.length,
    weight: deployment.current_weight,
    steps: deployment.steps,
    traffic: deployment.traffic,
    git_commit_hash: deployment.git_commit_hash,
    git_branch: deployment.git_branch,
    deployed_by: deployment.deployed_by,
    approved_by: deployment.approved_by,
    hotfix: deployment.hotfix_reason !== null,
    hotfix_reason: deployment.hotfix_reason,
    override_reason: deployment.override_reason,
    rollback_target: deployment.previous_version,
    started_at: deployment.started_at,
    step_started_at: deployment.step_started_at,
    completed_at: deployment.completed_at,
    rollback_reason: deployment.rollback_reason,
    error_message: deployment.error_message,
  };
}

/** Whether a caller sees a deployment whole: a secret key, or a user whose Rollgate role may view internals. */
export function seesInternals(caller: Caller | null): boolean {
  if (caller?.role === 'service_role') return true;
  return (caller?.grants ?? []).some((g) => ROLE_PERMISSIONS[g.role].includes('view'));
}

export const HIDDEN = '[hidden]';
const EMAIL = /[^\s@<>()'",;:]+@[^\s@<>()'",;:]+\.[A-Za-z]{2,}/g;

/** Free text with every e-mail address replaced; null stays null. */
export function withoutEmails(text: string | null): string | null {
  return text === null ? null : text.replace(EMAIL, HIDDEN);
}

/**
 * What a caller below service_role may read of a deployment (issue 12, findings 3 and 8): no
 * failure reason (a traffic webhook's "answered 400" or "fetch failed" turns the API into a port
 * scanner), no webhook URL, and no e-mail address of the people involved.
 */
export function visibleDeployment(deployment: DeploymentRow, caller: Caller | null) {
  const view = deploymentView(deployment);
  if (seesInternals(caller)) return view;
  return {
    ...view,
    traffic:
      deployment.traffic.provider === 'webhook'
        ? { provider: 'webhook' as const, url: HIDDEN }
        : deployment.traffic,
    deployed_by: withoutEmails(deployment.deployed_by),
    approved_by: withoutEmails(deployment.approved_by),
    hotfix_reason: withoutEmails(deployment.hotfix_reason),
    override_reason: withoutEmails(deployment.override_reason),
    rollback_reason: withoutEmails(deployment.rollback_reason),
    error_message: deployment.error_message === null ? null : HIDDEN,
  };
}

/** Audit details a caller below service_role may read: what happened, not who or why it failed. */
const PUBLIC_DETAIL_KEYS = [
  'command',
  'step',
  'weight',
  'version',
  'rollback_target',
  'reported_status',
];

export function visibleAuditDetails(details: Record<string, unknown>, caller: Caller | null) {
  if (seesInternals(caller)) return details;
  return Object.fromEntries(
    Object.entries(details).filter(([key]) => PUBLIC_DETAIL_KEYS.includes(key)),
  );
}
