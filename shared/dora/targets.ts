/**
 * The procedure documents' key performance indicators (deployment-procedures.md, "Deployment
 * Metrics"): deployment frequency daily, lead time < 4 hours, mean time to recovery < 10
 * minutes, change failure rate < 5 %, deployment success rate > 95 %.
 */
export const DOCUMENT_TARGETS = {
  deployment_frequency: { goal: 'daily', min_per_day: 1 },
  lead_time_for_changes: { goal: '< 4 h', max_hours: 4 },
  change_failure_rate: { goal: '< 5 %', max_percent: 5 },
  failed_deployment_recovery_time: { goal: '< 10 min', max_minutes: 10 },
  success_rate: { goal: '> 95 %', min_percent: 95 },
} as const;

/** A figure against its target; `met` is null when there is nothing to judge. */
export interface TargetCheck {
  goal: string;
  met: boolean | null;
}

export function target(goal: string, met: boolean | null): TargetCheck {
  return { goal, met };
}
