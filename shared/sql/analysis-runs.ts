import type { Judgement } from '../model/judgement.ts';
import type { Sql } from './client.ts';

export interface AnalysisRunRow {
  id: number;
  step: number;
  weight: number;
  verdict: string;
  trigger: string;
  reasons: string[];
  evidence: Record<string, unknown>;
  decided_at: Date;
}

export function insertAnalysisRun(
  tx: Sql,
  r: {
    deployment_id: string;
    step: number;
    weight: number;
    trigger: 'step_timer' | 'telemetry' | 'manual';
    judgement: Judgement;
  },
) {
  return tx`
    insert into public.analysis_runs (deployment_id, step, weight, verdict, trigger, reasons, evidence)
    values (${r.deployment_id}, ${r.step}, ${r.weight}, ${r.judgement.verdict}, ${r.trigger},
            ${tx.json(r.judgement.reasons as never)},
            ${tx.json({ ...r.judgement.summary, checks: r.judgement.checks } as never)})`;
}

export function selectAnalysisRuns(sql: Sql, deploymentId: string) {
  return sql<AnalysisRunRow[]>`
    select id::float8 as id, step, weight, verdict, trigger, reasons, evidence, decided_at
      from public.analysis_runs where deployment_id = ${deploymentId} order by id`;
}
