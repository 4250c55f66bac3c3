import type { Status, Step, Traffic } from '../rollout/types.ts';
import type { Sql } from './client.ts';

export interface DeploymentRow {
  deployment_id: string;
  environment: string;
  version: string;
  deployment_type: string;
  strategy: 'canary' | 'direct' | 'external';
  steps: Step[];
  traffic: Traffic;
  status: Status;
  current_step: number;
  current_weight: number;
  git_commit_hash: string | null;
  git_branch: string | null;
  commit_time: Date | null;
  deployed_by: string;
  approved_by: string | null;
  approved_at: Date | null;
  hotfix_reason: string | null;
  override_reason: string | null;
  previous_version: string | null;
  gate_evidence: Record<string, number>;
  inconclusive_holds: number;
  step_arm: number;
  step_started_at: Date | null;
  started_at: Date;
  completed_at: Date | null;
  rollback_reason: string | null;
  error_message: string | null;
  updated_at: Date;
}

export function selectDeployment(sql: Sql, id: string) {
  return sql<DeploymentRow[]>`select * from public.deployments where deployment_id = ${id}`;
}

/** The row lock every state change takes: commands on one rollout are serialised here. */
export function lockDeployment(tx: Sql, id: string) {
  return tx<
    DeploymentRow[]
  >`select * from public.deployments where deployment_id = ${id} for update`;
}

export function lockActiveCanaries(tx: Sql, ids: string[]) {
  return tx<DeploymentRow[]>`
    select * from public.deployments
     where deployment_id = any(${ids}) and status = 'progressing' and strategy = 'canary'
     order by deployment_id for update`;
}

export type NewDeployment = Omit<
  DeploymentRow,
  | 'updated_at'
  | 'completed_at'
  | 'rollback_reason'
  | 'error_message'
  | 'inconclusive_holds'
  | 'step_arm'
  | 'approved_by'
  | 'approved_at'
  | 'started_at'
> & {
  started_at?: Date;
  completed_at?: Date | null;
};

export function insertDeployment(tx: Sql, d: NewDeployment) {
  return tx<DeploymentRow[]>`
    insert into public.deployments ${tx({
      ...d,
      steps: tx.json(d.steps as never),
      traffic: tx.json(d.traffic as never),
      gate_evidence: tx.json(d.gate_evidence as never),
      started_at: d.started_at ?? new Date(),
    } as never)}
    returning *`;
}

export interface DeploymentChange {
  status: Status;
  current_step: number;
  current_weight: number;
  step_started_at: Date | null;
  completed_at: Date | null;
  inconclusive_holds: number;
  step_arm: number;
  approved_by?: string | null;
  approved_at?: Date | null;
  rollback_reason?: string | null;
  error_message?: string | null;
}

export function updateDeployment(tx: Sql, id: string, c: DeploymentChange) {
  return tx<DeploymentRow[]>`
    update public.deployments set ${tx({ ...c, updated_at: new Date() } as never)}
     where deployment_id = ${id} returning *`;
}

export function selectActiveDeployment(tx: Sql, environment: string) {
  return tx<DeploymentRow[]>`
    select * from public.deployments
     where environment = ${environment} and status in ('pending_approval', 'progressing', 'paused')
       and strategy <> 'external'`;
}

/** The version to return to: the last succeeded deployment in the environment before this one. */
export async function selectStableVersion(tx: Sql, environment: string, excludeId?: string) {
  const [row] = await tx<{ version: string }[]>`
    select version from public.deployments
     where environment = ${environment} and status = 'succeeded'
       and deployment_id is distinct from ${excludeId ?? null}
     order by completed_at desc nulls last limit 1`;
  return row?.version ?? null;
}

export async function stagedSuccessfully(tx: Sql, version: string) {
  const [row] = await tx<{ ok: boolean }[]>`
    select exists (select 1 from public.deployments
                    where environment = 'staging' and version = ${version} and status = 'succeeded') as ok`;
  return row?.ok ?? false;
}

export function selectDeployments(
  sql: Sql,
  f: { environment?: string | undefined; status?: string | undefined; limit: number },
) {
  return sql<DeploymentRow[]>`
    select * from public.deployments
     where true
       ${f.environment === undefined ? sql`` : sql`and environment = ${f.environment}`}
       ${f.status === undefined ? sql`` : sql`and status = ${f.status}`}
     order by started_at desc, deployment_id desc limit ${f.limit}`;
}
