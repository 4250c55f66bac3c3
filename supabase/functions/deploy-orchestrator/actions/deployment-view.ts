import type { DeploymentRow } from '../../../../shared/sql/deployments.ts';

/** The public shape of a deployment: what get_status, list_deployments and commands answer. */
export function deploymentView(d: DeploymentRow) {
  return {
    deployment_id: d.deployment_id,
    environment: d.environment,
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
