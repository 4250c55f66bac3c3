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

export function stateLine(r: RolloutView): string {
  return `${r.status.padEnd(16)} ${stepLabel(r)}  ${String(r.weight).padStart(3)}%  ${progressBar(r.weight)}`;
}

export function analysisLine(a: AnalysisView): string {
  const reasons = a.reasons.map(String).join('; ');
  return `analysis ${a.verdict.toUpperCase().padEnd(12)} step ${a.step + 1} at ${a.weight}% (${a.trigger})${reasons ? `: ${reasons}` : ''}`;
}

export function endLine(r: RolloutView): string {
  if (r.status === 'succeeded')
    return `✓ ${r.deployment_id} succeeded: ${r.version} serves 100% of ${r.environment}`;
  const why = r.rollback_reason ?? r.error_message;
  const what = r.status === 'rolled_back' ? 'rolled back' : 'failed';
  return `✗ ${r.deployment_id} ${what}${why ? `: ${why}` : ''}`;
}

/** The few lines a command prints about one deployment. */
export function summaryLines(r: RolloutView): string[] {
  return [
    `${r.deployment_id}  ${r.environment}${r.service && r.service !== 'default' ? `  ${r.service}` : ''}  ${r.version}  (${r.strategy})`,
    stateLine(r),
    ...(r.rollback_reason ? [`rollback reason: ${r.rollback_reason}`] : []),
    ...(r.error_message ? [`error: ${r.error_message}`] : []),
  ];
}
