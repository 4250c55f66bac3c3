import type { DeploymentFacts } from '../model/deployment-facts.ts';
import { HOUR_MS, MINUTE_MS, mean, median, round4 } from './summary.ts';
import { DOCUMENT_TARGETS, type TargetCheck, target } from './targets.ts';
import { TIER_THRESHOLDS, type Tier, tierAtLeast, tierAtMost, tierBelow } from './tiers.ts';

export interface DoraKeys {
  deployment_frequency: {
    per_day: number;
    deployments: number;
    tier: Tier;
    target: TargetCheck;
  };
  lead_time_for_changes: {
    median_hours: number;
    mean_hours: number;
    samples: number;
    /** Successful deployments without a commit time (or with one after their completion). */
    excluded: number;
    tier: Tier | null;
    target: TargetCheck;
  };
  change_failure_rate: {
    percent: number;
    failed_changes: number;
    deployments: number;
    tier: Tier | null;
    target: TargetCheck;
  };
  failed_deployment_recovery_time: {
    median_minutes: number;
    mean_minutes: number;
    recoveries: number;
    unrecovered: number;
    tier: Tier | null;
    target: TargetCheck;
  };
}

/** Deployments of one window, already sorted by their outcome at the window's end. */
export interface Outcomes {
  succeeded: DeploymentFacts[];
  failed: DeploymentFacts[];
  days: number;
  end: Date;
}

/**
 * The four keys. Frequency counts successful deployments per day of the window; lead time runs
 * from commit_time to completion of each successful deployment; the change failure rate is the
 * share of finished deployments that failed or were rolled back; recovery time runs from a failed
 * deployment's completion to the next successful one in the environment. Tiers use medians, as
 * DORA does; the documents' "mean time to recovery" target is judged on the mean.
 */
export function doraKeys(outcomes: Outcomes): DoraKeys {
  const perDay = outcomes.succeeded.length / outcomes.days;

  const leadHours = outcomes.succeeded
    .filter(
      (deployment) =>
        deployment.commit_time !== null &&
        deployment.commit_time <= (deployment.completed_at as Date),
    )
    .map(
      (deployment) =>
        ((deployment.completed_at as Date).getTime() - (deployment.commit_time as Date).getTime()) /
        HOUR_MS,
    );
  const leadMedian = median(leadHours);

  const finished = outcomes.succeeded.length + outcomes.failed.length;
  const failurePercent = finished ? (outcomes.failed.length / finished) * 100 : 0;

  const recoveryMinutes = outcomes.failed
    .filter(
      (deployment) =>
        deployment.recovered_at !== null &&
        deployment.recovered_at.getTime() <= outcomes.end.getTime(),
    )
    .map(
      (deployment) =>
        ((deployment.recovered_at as Date).getTime() -
          (deployment.completed_at as Date).getTime()) /
        MINUTE_MS,
    );
  const recoveryMedian = median(recoveryMinutes);
  const recoveryMean = mean(recoveryMinutes);

  return {
    deployment_frequency: {
      per_day: round4(perDay),
      deployments: outcomes.succeeded.length,
      tier: tierAtLeast(perDay, TIER_THRESHOLDS.deployment_frequency_per_day),
      target: target(
        DOCUMENT_TARGETS.deployment_frequency.goal,
        perDay >= DOCUMENT_TARGETS.deployment_frequency.min_per_day,
      ),
    },
    lead_time_for_changes: {
      median_hours: round4(leadMedian),
      mean_hours: round4(mean(leadHours)),
      samples: leadHours.length,
      excluded: outcomes.succeeded.length - leadHours.length,
      tier: leadHours.length ? tierBelow(leadMedian, TIER_THRESHOLDS.lead_time_hours) : null,
      target: target(
        DOCUMENT_TARGETS.lead_time_for_changes.goal,
        leadHours.length ? leadMedian < DOCUMENT_TARGETS.lead_time_for_changes.max_hours : null,
      ),
    },
    change_failure_rate: {
      percent: round4(failurePercent),
      failed_changes: outcomes.failed.length,
      deployments: finished,
      tier: finished
        ? tierAtMost(failurePercent, TIER_THRESHOLDS.change_failure_rate_percent)
        : null,
      target: target(
        DOCUMENT_TARGETS.change_failure_rate.goal,
        finished ? failurePercent < DOCUMENT_TARGETS.change_failure_rate.max_percent : null,
      ),
    },
    failed_deployment_recovery_time: {
      median_minutes: round4(recoveryMedian),
      mean_minutes: round4(recoveryMean),
      recoveries: recoveryMinutes.length,
      unrecovered: outcomes.failed.length - recoveryMinutes.length,
      tier: recoveryMinutes.length
        ? tierBelow(recoveryMedian, TIER_THRESHOLDS.recovery_minutes)
        : null,
      target: target(
        DOCUMENT_TARGETS.failed_deployment_recovery_time.goal,
        recoveryMinutes.length
          ? recoveryMean < DOCUMENT_TARGETS.failed_deployment_recovery_time.max_minutes
          : null,
      ),
    },
  };
}
