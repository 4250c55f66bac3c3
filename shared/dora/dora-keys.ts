import type { DeploymentFacts } from './facts.ts';
import { HOUR_MS, MINUTE_MS, mean, median, round4 } from './summary.ts';
import { DOCUMENT_TARGETS as T, type TargetCheck, target } from './targets.ts';
import { TIER_THRESHOLDS as B, type Tier, tierAtLeast, tierAtMost, tierBelow } from './tiers.ts';

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
export function doraKeys(o: Outcomes): DoraKeys {
  const perDay = o.succeeded.length / o.days;

  const leadHours = o.succeeded
    .filter((d) => d.commit_time !== null && d.commit_time <= (d.completed_at as Date))
    .map((d) => ((d.completed_at as Date).getTime() - (d.commit_time as Date).getTime()) / HOUR_MS);
  const leadMedian = median(leadHours);

  const finished = o.succeeded.length + o.failed.length;
  const failurePercent = finished ? (o.failed.length / finished) * 100 : 0;

  const recoveryMinutes = o.failed
    .filter((d) => d.recovered_at !== null && d.recovered_at.getTime() <= o.end.getTime())
    .map(
      (d) => ((d.recovered_at as Date).getTime() - (d.completed_at as Date).getTime()) / MINUTE_MS,
    );
  const recoveryMedian = median(recoveryMinutes);
  const recoveryMean = mean(recoveryMinutes);

  return {
    deployment_frequency: {
      per_day: round4(perDay),
      deployments: o.succeeded.length,
      tier: tierAtLeast(perDay, B.deployment_frequency_per_day),
      target: target(T.deployment_frequency.goal, perDay >= T.deployment_frequency.min_per_day),
    },
    lead_time_for_changes: {
      median_hours: round4(leadMedian),
      mean_hours: round4(mean(leadHours)),
      samples: leadHours.length,
      excluded: o.succeeded.length - leadHours.length,
      tier: leadHours.length ? tierBelow(leadMedian, B.lead_time_hours) : null,
      target: target(
        T.lead_time_for_changes.goal,
        leadHours.length ? leadMedian < T.lead_time_for_changes.max_hours : null,
      ),
    },
    change_failure_rate: {
      percent: round4(failurePercent),
      failed_changes: o.failed.length,
      deployments: finished,
      tier: finished ? tierAtMost(failurePercent, B.change_failure_rate_percent) : null,
      target: target(
        T.change_failure_rate.goal,
        finished ? failurePercent < T.change_failure_rate.max_percent : null,
      ),
    },
    failed_deployment_recovery_time: {
      median_minutes: round4(recoveryMedian),
      mean_minutes: round4(recoveryMean),
      recoveries: recoveryMinutes.length,
      unrecovered: o.failed.length - recoveryMinutes.length,
      tier: recoveryMinutes.length ? tierBelow(recoveryMedian, B.recovery_minutes) : null,
      target: target(
        T.failed_deployment_recovery_time.goal,
        recoveryMinutes.length
          ? recoveryMean < T.failed_deployment_recovery_time.max_minutes
          : null,
      ),
    },
  };
}
