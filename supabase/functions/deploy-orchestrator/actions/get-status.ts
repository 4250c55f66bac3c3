import { AppError } from '../../../../shared/app-error.ts';
import * as contracts from '../../../../shared/contracts/deploy-orchestrator.ts';
import { loadEnvironment } from '../../../../shared/rollout/environment.ts';
import { effectiveAnalysis } from '../../../../shared/rollout/run-judge.ts';
import { selectAnalysisRuns } from '../../../../shared/sql/analysis-runs.ts';
import { selectAuditFor } from '../../../../shared/sql/deployment-audit.ts';
import { selectDeployment, selectDeployments } from '../../../../shared/sql/deployments.ts';
import { defineAction } from '../../_shared/action.ts';
import { visibleAuditDetails, visibleDeployment } from './deployment-view.ts';

export const getStatus = defineAction(
  contracts.getStatus,
  async ({ deployment_id }, { sql, caller }) => {
    const [d] = await selectDeployment(sql, deployment_id);
    if (!d) throw new AppError(404, 'not_found', `deployment ${deployment_id} does not exist`);
    const [analyses, audit, env] = await Promise.all([
      selectAnalysisRuns(sql, deployment_id),
      selectAuditFor(sql, deployment_id),
      loadEnvironment(sql, d.environment),
    ]);
    const judgedBy = effectiveAnalysis(d, env);
    return {
      ...visibleDeployment(d, caller),
      // What every verdict below is judged by: the spec, the settings, each metric's policies.
      analysis: { spec: judgedBy.spec, thresholds: judgedBy.settings, metrics: judgedBy.metrics },
      analyses,
      events: audit.map((a) => ({
        id: a.id,
        event: a.event,
        status: a.deployment_status,
        at: a.created_at,
        details: visibleAuditDetails(a.details, caller),
      })),
    };
  },
);

export const listDeployments = defineAction(
  contracts.listDeployments,
  async (input, { sql, caller }) => {
    const deployments = (await selectDeployments(sql, input)).map((d) =>
      visibleDeployment(d, caller),
    );
    return { deployments, count: deployments.length };
  },
);
