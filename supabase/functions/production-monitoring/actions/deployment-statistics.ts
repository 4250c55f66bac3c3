import { AppError } from '../../../../shared/app-error.ts';
import * as contracts from '../../../../shared/contracts/production-monitoring.ts';
import { deliveryStatistics } from '../../../../shared/dora/statistics.ts';
import { selectDeploymentFacts } from '../../../../shared/sql/delivery-statistics.ts';
import { selectEnvironment } from '../../../../shared/sql/environments.ts';
import { windowSeconds } from '../../../../shared/telemetry/time-window.ts';
import { defineAction } from '../../_shared/action.ts';

/**
 * The runbook's compliance script reads `.result.production_deployments`, `.result.rollbacks`,
 * `.result.success_rate` and `.result.avg_deployment_time` (minutes); the four DORA keys come
 * with their tiers and the procedure documents' targets. Read-only figures, so anon may ask.
 */
export const deploymentStatistics = defineAction(
  contracts.deploymentStatistics,
  async (input, { sql }) => {
    const to = input.as_of ? new Date(input.as_of) : new Date();
    const from = new Date(to.getTime() - (windowSeconds(input.time_window) as number) * 1000);
    const [[environment], rows] = await Promise.all([
      selectEnvironment(sql, input.environment),
      selectDeploymentFacts(sql, {
        environment: input.environment,
        service: input.service,
        from,
        to,
      }),
    ]);
    if (!environment) {
      throw new AppError(
        422,
        'unknown_environment',
        `environment "${input.environment}" is not configured`,
      );
    }
    return {
      environment: input.environment,
      service: input.service ?? null,
      time_window: input.time_window,
      window_start: from.toISOString(),
      window_end: to.toISOString(),
      ...deliveryStatistics(rows, { from, to }),
    };
  },
);
