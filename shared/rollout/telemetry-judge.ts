import type { TelemetryHook } from '../sql/client.ts';
import { lockJudgedCanaries } from '../sql/deployments.ts';
import { loadEnvironment } from './environment.ts';
import { judgeDeployment, rollBackOnFailure } from './run-judge.ts';

/**
 * Runs inside the ingest transaction of every telemetry batch that names a judged canary
 * (progressing, paused, or within its bake window after 100 %): when the new evidence fails the
 * canary, the rollback commits together with that evidence. The judge's tests are always valid,
 * so looking at every batch costs no false rollbacks. Only a critical metric's failure acts here;
 * a non-critical one, and passing, wait for the step timer.
 */
export const canaryJudgeHook: TelemetryHook = async (tx, { deploymentIds }) => {
  if (deploymentIds.length === 0) return;
  const now = new Date();
  for (const d of await lockJudgedCanaries(tx, deploymentIds, now)) {
    const env = await loadEnvironment(tx, d.environment);
    const judgement = await judgeDeployment(tx, d, env, { health: false });
    if (judgement.verdict === 'fail' && judgement.immediate)
      await rollBackOnFailure(tx, d, judgement, 'telemetry', now);
  }
};
