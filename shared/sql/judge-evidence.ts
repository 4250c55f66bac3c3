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

/**
 * The enabled monitoring targets of the environment that watch the service (or every service),
 * and the longest current run of failed probes of
 * one of them counted since the deployment started (a run that began before it counts from the
 * start only: the deployment is judged on what happened under it).
 */
export async function selectProbeStreak(
  sql: Sql,
  scope: { environment: string; service: string },
  startedAt: Date,
): Promise<{ targets: number; streak: { target: string; failures: number } | null }> {
  const rows = await sql<{ target: string; failures: number }[]>`
    select t.name as target,
           (select count(*)::int from public.monitoring_probes p
             where p.target = t.name and not p.ok and p.probed_at >= ${startedAt}
               and p.probed_at > coalesce((select max(q.probed_at) from public.monitoring_probes q
                                            where q.target = t.name and q.ok), '-infinity')) as failures
      from public.monitoring_targets t
     where t.environment = ${scope.environment} and t.enabled
       and (t.service is null or t.service = ${scope.service})
     order by failures desc, t.name`;
  const top = rows[0];
  return { targets: rows.length, streak: top && top.failures > 0 ? top : null };
}

/**
 * Error events of a deployment matching a custom metric's filter, per variant, by label (index
 * `error_events_deployment`: deployment_id, variant, occurred_at). `severities` empty: any;
 * `messageContains`: a case-insensitive substring.
 */
export async function selectCustomEventCounts(
  sql: Sql,
  d: { deployment_id: string; environment: string },
  from: Date,
  filter: { component?: string; severities: string[]; messageContains?: string },
): Promise<{ canary: number; stable: number }> {
  const [row] = await sql<{ canary: number; stable: number }[]>`
    select count(*) filter (where variant = 'canary')::int as canary,
           count(*) filter (where variant = 'stable')::int as stable
      from public.error_events
     where deployment_id = ${d.deployment_id} and variant in ('canary', 'stable')
       and occurred_at >= ${from} and environment = ${d.environment}
       and (${filter.component ?? null}::text is null or component = ${filter.component ?? null})
       and (cardinality(${filter.severities}::text[]) = 0 or severity = any(${filter.severities}::text[]))
       and (${filter.messageContains ?? null}::text is null
            or strpos(lower(error_message), lower(${filter.messageContains ?? null})) > 0)`;
  return row ?? { canary: 0, stable: 0 };
}
