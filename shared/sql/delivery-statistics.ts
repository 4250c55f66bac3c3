import type { DeploymentFacts } from '../model/deployment-facts.ts';
import type { Sql } from './client.ts';

/**
 * The deployments of one environment (and service, if given) that started in [from, to), with,
 * for each failed or rolled-back one, when the next successful deployment of the same service in
 * that environment completed (by `to`): another service's success recovers nothing. Deployments
 * logged by other tools (strategy `external`) are included like any other.
 */
export function selectDeploymentFacts(
  sql: Sql,
  f: { environment: string; service?: string | undefined; from: Date; to: Date },
) {
  return sql<DeploymentFacts[]>`
    select d.deployment_id, d.status, d.strategy, d.started_at, d.completed_at, d.commit_time,
           case when d.status in ('failed', 'rolled_back') and d.completed_at is not null then (
             select min(s.completed_at) from public.deployments s
              where s.environment = d.environment and s.service = d.service and s.status = 'succeeded'
                and s.completed_at > d.completed_at and s.completed_at <= ${f.to})
           end as recovered_at
      from public.deployments d
     where d.environment = ${f.environment}
       ${f.service === undefined ? sql`` : sql`and d.service = ${f.service}`}
       and d.started_at >= ${f.from} and d.started_at < ${f.to}
     order by d.started_at, d.deployment_id`;
}
