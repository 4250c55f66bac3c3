import type { Sql } from './client.ts';

export interface DeploymentMinuteRow {
  bucket: Date;
  variant: string;
  requests: number;
  failed: number;
  critical_events: number;
  hist: number[];
}

/**
 * A deployment's telemetry minute by minute since it began, per variant. Rows are selected by the
 * deployment's label (validated at ingest), not by time, so nothing labelled with it is missed —
 * a late batch timestamped in an earlier step included — and nothing of another deployment
 * enters. `from` only lets the index skip older buckets.
 */
export function selectDeploymentMinutes(
  sql: Sql,
  d: { deployment_id: string; environment: string },
  from: Date,
) {
  return sql<DeploymentMinuteRow[]>`
    select bucket, variant, requests::float8 as requests, failed::float8 as failed,
           critical_events::float8 as critical_events,
           public.telemetry_hist_dense(hist) as hist
      from public.telemetry_rollups
     where deployment_id = ${d.deployment_id} and resolution = 'minute' and scope = 'deployment'
       and environment = ${d.environment} and variant in ('canary', 'stable')
       and bucket >= ${from}
     order by bucket, variant`;
}

/**
 * Incidents on the monitoring targets of the deployment's environment that watch its service (or
 * every service): opened since the deployment started (open or resolved since — three failed
 * checks happened during the rollout), and still open from before it. Targets without an
 * environment, or watching another service, are never counted against a rollout.
 */
export async function selectIncidentCounts(
  sql: Sql,
  scope: { environment: string; service: string },
  startedAt: Date,
): Promise<{ since_start: number; before_start: number }> {
  const [row] = await sql<{ since_start: number; before_start: number }[]>`
    select count(*) filter (where i.opened_at >= ${startedAt})::int as since_start,
           count(*) filter (where i.opened_at < ${startedAt} and i.resolved_at is null)::int as before_start
      from public.incidents i
      join public.monitoring_targets t on t.name = i.target and t.environment = ${scope.environment}
                                      and (t.service is null or t.service = ${scope.service})
     where i.opened_at >= ${startedAt} or i.resolved_at is null`;
  return row ?? { since_start: 0, before_start: 0 };
}
