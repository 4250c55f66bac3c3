import type { DeploymentFacts } from '../model/deployment-facts.ts';
import { type DoraKeys, doraKeys } from './dora-keys.ts';
import { outcomeAt } from './facts.ts';
import { DAY_MS, MINUTE_MS, mean, round4 } from './summary.ts';
import { DOCUMENT_TARGETS, type TargetCheck, target } from './targets.ts';

export interface DeliveryStatistics {
  /** Deployments to the environment that started in the window, whatever their outcome. */
  production_deployments: number;
  succeeded: number;
  rollbacks: number;
  failures: number;
  in_progress: number;
  /** Of those, deployments logged by other tools (log_deployment, strategy `external`). */
  external_deployments: number;
  /** Percent of finished deployments that succeeded (0 with insufficient_data when none finished). */
  success_rate: number;
  success_rate_target: TargetCheck;
  /** Mean minutes from start to completion of the successful deployments. */
  avg_deployment_time: number;
  /** No deployment finished in the window: the rates are 0 for the scripts, not evidence. */
  insufficient_data: boolean;
  dora: DoraKeys;
}

/**
 * The runbook's compliance figures and the four DORA keys of one window, from the deployments
 * that started in it (`rows`, already limited to one environment and the window by the query).
 * Pure: the same rows always give the same figures.
 */
export function deliveryStatistics(
  rows: readonly DeploymentFacts[],
  window: { from: Date; to: Date },
): DeliveryStatistics {
  const byOutcome = { succeeded: [], failed: [], rolled_back: [], in_progress: [] } as Record<
    ReturnType<typeof outcomeAt>,
    DeploymentFacts[]
  >;
  for (const d of rows) byOutcome[outcomeAt(d, window.to)].push(d);
  const succeeded = byOutcome.succeeded;
  const failedChanges = [...byOutcome.failed, ...byOutcome.rolled_back];
  const finished = succeeded.length + failedChanges.length;
  const successRate = finished ? (succeeded.length / finished) * 100 : 0;
  const minutes = succeeded.map(
    (d) => ((d.completed_at as Date).getTime() - d.started_at.getTime()) / MINUTE_MS,
  );

  return {
    production_deployments: rows.length,
    succeeded: succeeded.length,
    rollbacks: byOutcome.rolled_back.length,
    failures: byOutcome.failed.length,
    in_progress: byOutcome.in_progress.length,
    external_deployments: rows.filter((d) => d.strategy === 'external').length,
    success_rate: round4(successRate),
    success_rate_target: target(
      DOCUMENT_TARGETS.success_rate.goal,
      finished ? successRate > DOCUMENT_TARGETS.success_rate.min_percent : null,
    ),
    avg_deployment_time: round4(mean(minutes)),
    insufficient_data: finished === 0,
    dora: doraKeys({
      succeeded,
      failed: failedChanges,
      days: (window.to.getTime() - window.from.getTime()) / DAY_MS,
      end: window.to,
    }),
  };
}
