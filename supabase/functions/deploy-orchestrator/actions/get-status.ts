import { z } from 'zod';
import { AppError } from '../../../../shared/app-error.ts';
import { loadEnvironment } from '../../../../shared/rollout/environment.ts';
import { effectiveAnalysis } from '../../../../shared/rollout/run-judge.ts';
import { serviceSchema } from '../../../../shared/rollout/service.ts';
import { STATUSES } from '../../../../shared/rollout/types.ts';
import { selectAnalysisRuns } from '../../../../shared/sql/analysis-runs.ts';
import { selectAuditFor } from '../../../../shared/sql/deployment-audit.ts';
import { selectDeployment, selectDeployments } from '../../../../shared/sql/deployments.ts';
import { defineAction } from '../../_shared/action.ts';
import { visibleAuditDetails, visibleDeployment } from './deployment-view.ts';

export const getStatus = defineAction({
  name: 'get_status',
  summary:
    'A rollout’s status, step and weight, every analysis verdict with its evidence, and its audit trail.',
  access: 'read',
  input: { deployment_id: z.string().min(1).max(100) },
  async handler({ deployment_id }, { sql, caller }) {
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
});

export const listDeployments = defineAction({
  name: 'list_deployments',
  summary: 'Deployments, newest first, optionally by environment, service and status.',
  access: 'read',
  input: {
    environment: z.string().min(1).max(50).optional(),
    service: serviceSchema.optional(),
    status: z.enum(STATUSES).optional(),
    limit: z.number().int().min(1).max(500).default(50),
  },
  async handler(input, { sql, caller }) {
    const deployments = (await selectDeployments(sql, input)).map((d) =>
      visibleDeployment(d, caller),
    );
    return { deployments, count: deployments.length };
  },
});
