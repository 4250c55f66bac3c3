import * as contracts from '../../../../shared/contracts/production-monitoring.ts';
import { gatherHealthInputs } from '../../../../shared/health/health-inputs.ts';
import { type HealthInputs, healthScore } from '../../../../shared/health/score.ts';
import { defineAction } from '../../_shared/action.ts';
import { toAppError } from '../../_shared/errors.ts';

const DATABASE_DOWN: HealthInputs = {
  databaseUp: false,
  functionProbes: { ok: 0, total: 0 },
  errorRatePercent: null,
  p95Ms: null,
  baselineP95Ms: null,
  openCriticalIssues: 0,
  queueOverdueJobs: null,
};

/** `.result.health_score` for the rollback script (which rolls back below 85). */
export const systemHealthScore = defineAction(
  contracts.systemHealthScore,
  async ({ environment }, { sql }) => {
    let inputs: HealthInputs;
    try {
      inputs = await gatherHealthInputs(sql, environment);
    } catch (err) {
      // An unreachable database is the worst health there is, not an error of this action.
      if (toAppError(err).code !== 'database_unavailable') throw err;
      inputs = DATABASE_DOWN;
    }
    return { ...healthScore(inputs), evaluated_at: new Date().toISOString() };
  },
);
