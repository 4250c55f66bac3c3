import { insertAnalysisRun } from '../sql/analysis-runs.ts';
import type { TelemetryHook } from '../sql/client.ts';
import { lockActiveCanaries } from '../sql/deployments.ts';
import { applyTransition } from './apply-transition.ts';
import { judge } from './canary-judge.ts';
import { loadEnvironment } from './environment.ts';
import { gatherEvidence } from './evidence.ts';
import { transition } from './state-machine.ts';

/**
 * Runs inside the ingest transaction of every telemetry batch that names an active canary: when
 * the new evidence fails the canary, the rollback commits together with that evidence. Only a
 * failure acts here; passing waits for the step's pause to end.
 */
export const canaryJudgeHook: TelemetryHook = async (tx, { deploymentIds }) => {
  if (deploymentIds.length === 0) return;
  const now = new Date();
  for (const d of await lockActiveCanaries(tx, deploymentIds)) {
    const env = await loadEnvironment(tx, d.environment);
    const evidence = await gatherEvidence(tx, d, now, { health: false });
    const judgement = judge(evidence, env.thresholds);
    if (judgement.verdict !== 'fail') continue;
    await insertAnalysisRun(tx, {
      deployment_id: d.deployment_id,
      step: d.current_step,
      weight: d.current_weight,
      trigger: 'telemetry',
      judgement,
      evidence,
    });
    await applyTransition(tx, d, transition(d, { type: 'rollback' }), {
      command: 'analysis',
      actor: 'rollgate',
      now,
      reason: `canary analysis failed: ${judgement.reasons.join('; ')}`,
      details: { verdict: judgement.verdict, checks: judgement.checks, trigger: 'telemetry' },
      performance_metrics: { canary: evidence.canary, stable: evidence.stable },
      health_check_results: { open_incidents: evidence.open_incidents },
    });
  }
};
