import { ROLE_PERMISSIONS } from '../../../../shared/access/permissions.ts';
import type { Encodable } from '../../../../shared/contracts/contract.ts';
import type { Deployment } from '../../../../shared/contracts/deployment.ts';
import type { DeploymentRow } from '../../../../shared/sql/deployments.ts';
import type { Caller } from '../../_shared/action.ts';

/** The public shape of a deployment: what get_status, list_deployments and commands answer. */
export function deploymentView(d: DeploymentRow): Encodable<Deployment> {
  return {
    deployment_id: d.deployment_id,
    environment: d.environment,
    service: d.service,
    version: d.version,
    deployment_type: d.deployment_type,
    strategy: d.strategy,
    status: d.status,
    current_step: d.current_step,
    total_steps: d.steps.length,
    weight: d.current_weight,
    steps: d.steps,
    traffic: d.traffic,
    git_commit_hash: d.git_commit_hash,
    git_branch: d.git_branch,
    deployed_by: d.deployed_by,
    approved_by: d.approved_by,
    hotfix: d.hotfix_reason !== null,
    hotfix_reason: d.hotfix_reason,
    override_reason: d.override_reason,
    rollback_target: d.previous_version,
    started_at: d.started_at,
    step_started_at: d.step_started_at,
    completed_at: d.completed_at,
    rollback_reason: d.rollback_reason,
    error_message: d.error_message,
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
export function visibleDeployment(d: DeploymentRow, caller: Caller | null) {
  const view = deploymentView(d);
  if (seesInternals(caller)) return view;
  return {
    ...view,
    traffic:
      d.traffic.provider === 'webhook' ? { provider: 'webhook' as const, url: HIDDEN } : d.traffic,
    deployed_by: withoutEmails(d.deployed_by),
    approved_by: withoutEmails(d.approved_by),
    hotfix_reason: withoutEmails(d.hotfix_reason),
    override_reason: withoutEmails(d.override_reason),
    rollback_reason: withoutEmails(d.rollback_reason),
    error_message: d.error_message === null ? null : HIDDEN,
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
