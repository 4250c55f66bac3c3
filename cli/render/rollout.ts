import type { AnalysisRun, Deployment } from '../../shared/contracts/deployment.ts';

/** What the renderers read of a get_status answer. */
export type RolloutView = Pick<
  Deployment,
  | 'deployment_id'
  | 'environment'
  | 'version'
  | 'strategy'
  | 'status'
  | 'current_step'
  | 'total_steps'
  | 'weight'
> &
  // A server older than services answers without `service`.
  Partial<Pick<Deployment, 'service' | 'rollback_reason' | 'error_message'>>;

export type AnalysisView = Pick<AnalysisRun, 'step' | 'weight' | 'verdict' | 'trigger' | 'reasons'>;

export const TERMINAL = new Set(['succeeded', 'rolled_back', 'failed']);

/** `[██████░░░░░░░░░░░░░░]` for a traffic weight of 0–100 %. */
export function progressBar(weight: number, width = 20): string {
  const filled = Math.round((Math.max(0, Math.min(100, weight)) / 100) * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]`;
}

/** Steps are counted from 1 for people; the API counts from 0. */
export function stepLabel(r: Pick<RolloutView, 'current_step' | 'total_steps'>): string {
  return `step ${r.current_step + 1}/${r.total_steps}`;
}

export function stateLine(rollout: RolloutView): string {
  return `${rollout.status.padEnd(16)} ${stepLabel(rollout)}  ${String(rollout.weight).padStart(3)}%  ${progressBar(rollout.weight)}`;
}

export function analysisLine(a: AnalysisView): string {
  const reasons = a.reasons.map(String).join('; ');
  return `analysis ${a.verdict.toUpperCase().padEnd(12)} step ${a.step + 1} at ${a.weight}% (${a.trigger})${reasons ? `: ${reasons}` : ''}`;
}

export function endLine(rollout: RolloutView): string {
  if (rollout.status === 'succeeded')
    return `✓ ${rollout.deployment_id} succeeded: ${rollout.version} serves 100% of ${rollout.environment}`;
  const why = rollout.rollback_reason ?? rollout.error_message;
  const what = rollout.status === 'rolled_back' ? 'rolled back' : 'failed';
  return `✗ ${rollout.deployment_id} ${what}${why ? `: ${why}` : ''}`;
}

/** The few lines a command prints about one deployment. */
export function summaryLines(rollout: RolloutView): string[] {
  return [
    `${rollout.deployment_id}  ${rollout.environment}${rollout.service && rollout.service !== 'default' ? `  ${rollout.service}` : ''}  ${rollout.version}  (${rollout.strategy})`,
    stateLine(rollout),
    ...(rollout.rollback_reason ? [`rollback reason: ${rollout.rollback_reason}`] : []),
    ...(rollout.error_message ? [`error: ${rollout.error_message}`] : []),
  ];
}
