import type { Status } from '../model/deployment-status.ts';
import type { Step } from '../model/step.ts';
import type { Traffic } from '../model/traffic.ts';
import type { Sql } from './client.ts';

export interface DeploymentRow {
  deployment_id: string;
  environment: string;
  /** What the deployment changes (an Edge Function, the frontend, …): one active rollout each. */
  service: string;
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
  /**
   * Canary requests committed since the current step began (exact: counted under the row lock).
   * A bigint: the driver returns it as a string, read it with Number().
   */
  step_canary_requests: number | string;
  paused_at: Date | null;
  step_paused_seconds: number;
  analysis: Record<string, unknown> | null;
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

/**
 * A canary deployment `d` (joined with its environment `e`) is under judgement while progressing
 * or paused (protection does not sleep), and after success within its bake window until superseded.
 */
function underJudgement(tx: Sql, now: Date) {
  return tx`(d.status in ('progressing', 'paused')
            or (d.status = 'succeeded'
                and d.completed_at > ${now}::timestamptz
                    - make_interval(secs => coalesce((d.analysis->'thresholds'->>'bake_seconds')::float8,
                                                     (e.thresholds->>'bake_seconds')::float8, 600))
                and not exists (select 1 from public.deployments n
                                 where n.environment = d.environment and n.service = d.service
                                   and n.strategy <> 'external' and n.started_at > d.started_at)))`;
}

/**
 * The canaries a telemetry batch must be judged for: progressing, paused (protection does not
 * sleep), or succeeded within the environment's bake window and not yet superseded.
 */
export function lockJudgedCanaries(tx: Sql, ids: string[], now: Date) {
  return tx<DeploymentRow[]>`
    select d.* from public.deployments d
      join public.environments e on e.name = d.environment
     where d.deployment_id = any(${ids}) and d.strategy = 'canary'
       and ${underJudgement(tx, now)}
     order by d.deployment_id for update of d`;
}

/**
 * The deployments SDK telemetry can be attributed to, newest first: canary rollouts that are
 * progressing or paused, or succeeded within their bake window and not yet superseded.
 */
export function selectAttributableDeployments(tx: Sql, environments: string[], now: Date) {
  return tx<
    Array<{
      deployment_id: string;
      environment: string;
      service: string;
      version: string;
      previous_version: string | null;
    }>
  >`
    select d.deployment_id, d.environment, d.service, d.version, d.previous_version
      from public.deployments d
      join public.environments e on e.name = d.environment
     where d.environment = any(${environments}) and d.strategy = 'canary'
       and ${underJudgement(tx, now)}
     order by d.started_at desc`;
}

/** Adds a batch's canary requests to each active rollout's current step, in key order. */
export function addStepCanaryRequests(tx: Sql, counts: Array<{ id: string; n: number }>) {
  if (counts.length === 0) return Promise.resolve([]);
  return tx`
    update public.deployments d set step_canary_requests = d.step_canary_requests + x.n
      from (select * from jsonb_to_recordset(${tx.json(counts as never)}::jsonb) as r(id text, n bigint)
             order by id) x
     where d.deployment_id = x.id and d.status in ('progressing', 'paused')`;
}

export interface DeploymentLabel {
  deployment_id: string;
  environment: string;
  started_at: Date;
}

/** What telemetry labels are checked against. */
export function selectDeploymentLabels(sql: Sql, ids: string[]) {
  return sql<DeploymentLabel[]>`
    select deployment_id, environment, started_at from public.deployments
     where deployment_id = any(${ids})`;
}

/** The deployment that replaced this one (its environment and service), if any (started after it). */
export async function selectSuccessor(tx: Sql, deployment: DeploymentRow) {
  const [row] = await tx<{ deployment_id: string; status: string; version: string }[]>`
    select deployment_id, status, version from public.deployments
     where environment = ${deployment.environment} and service = ${deployment.service}
       and strategy <> 'external' and started_at > ${deployment.started_at}
       and status in ('pending_approval', 'progressing', 'paused', 'succeeded')
     order by started_at desc limit 1`;
  return row ?? null;
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
  | 'step_canary_requests'
  | 'paused_at'
  | 'step_paused_seconds'
  | 'analysis'
> & {
  analysis?: Record<string, unknown> | null;
  started_at?: Date;
  completed_at?: Date | null;
};

export function insertDeployment(tx: Sql, deployment: NewDeployment) {
  return tx<DeploymentRow[]>`
    insert into public.deployments ${tx({
      ...deployment,
      steps: tx.json(deployment.steps as never),
      traffic: tx.json(deployment.traffic as never),
      gate_evidence: tx.json(deployment.gate_evidence as never),
      analysis: deployment.analysis ? tx.json(deployment.analysis as never) : null,
      started_at: deployment.started_at ?? new Date(),
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
  step_canary_requests?: number;
  paused_at?: Date | null;
  step_paused_seconds?: number;
  previous_version?: string | null;
}

export function updateDeployment(tx: Sql, id: string, change: DeploymentChange) {
  return tx<DeploymentRow[]>`
    update public.deployments set ${tx({ ...change, updated_at: new Date() } as never)}
     where deployment_id = ${id} returning *`;
}

/** Where a rollout runs: one active rollout per environment and service. */
export interface RolloutScope {
  environment: string;
  service: string;
}

export function selectActiveDeployment(tx: Sql, scope: RolloutScope) {
  return tx<DeploymentRow[]>`
    select * from public.deployments
     where environment = ${scope.environment} and service = ${scope.service}
       and status in ('pending_approval', 'progressing', 'paused') and strategy <> 'external'`;
}

/** The version to return to: the service's last succeeded deployment in the environment. */
export async function selectStableVersion(tx: Sql, scope: RolloutScope, excludeId?: string) {
  const [row] = await tx<{ version: string }[]>`
    select version from public.deployments
     where environment = ${scope.environment} and service = ${scope.service} and status = 'succeeded'
       and deployment_id is distinct from ${excludeId ?? null}
     order by completed_at desc nulls last limit 1`;
  return row?.version ?? null;
}

/** Whether this version of the service succeeded in staging (production's staging-first rule). */
export async function stagedSuccessfully(tx: Sql, version: string, service: string) {
  const [row] = await tx<{ ok: boolean }[]>`
    select exists (select 1 from public.deployments
                    where environment = 'staging' and service = ${service} and version = ${version}
                      and status = 'succeeded') as ok`;
  return row?.ok ?? false;
}

export function selectDeployments(
  sql: Sql,
  f: {
    environment?: string | undefined;
    service?: string | undefined;
    status?: string | undefined;
    limit: number;
  },
) {
  return sql<DeploymentRow[]>`
    select * from public.deployments
     where true
       ${f.environment === undefined ? sql`` : sql`and environment = ${f.environment}`}
       ${f.service === undefined ? sql`` : sql`and service = ${f.service}`}
       ${f.status === undefined ? sql`` : sql`and status = ${f.status}`}
     order by started_at desc, deployment_id desc limit ${f.limit}`;
}
