import type { Sql } from './client.ts';

export interface ProductionDeploymentFacts {
  deployment_id: string;
  version: string;
  strategy: string;
  status: string;
  started_at: Date;
  approved_by: string | null;
  deployed_by: string;
  hotfix_reason: string | null;
  staged_first: boolean;
}

/** Production deployments since `from`, each with whether the same version succeeded in staging before it. */
export function selectProductionDeploymentFacts(sql: Sql, from: Date) {
  return sql<ProductionDeploymentFacts[]>`
    select p.deployment_id, p.version, p.strategy, p.status, p.started_at, p.approved_by, p.deployed_by,
           p.hotfix_reason,
           exists (select 1 from public.deployments s
                    where s.environment = 'staging' and s.version = p.version and s.status = 'succeeded'
                      and coalesce(s.completed_at, s.started_at) <= p.started_at) as staged_first
      from public.deployments p
     where p.environment = 'production' and p.started_at >= ${from} and p.status <> 'pending_approval'
     order by p.started_at`;
}
