import type { Sql } from './client.ts';

/** An (environment, `service.name`) pair whose requests OTLP metrics count. */
export interface MetricService {
  environment: string;
  service: string;
}

/**
 * Records that these pairs sent request-duration histograms now (a row is rewritten at most once
 * a minute) and forgets pairs gone two days, in one statement.
 */
export async function touchMetricServices(sql: Sql, services: readonly MetricService[]) {
  const unique = new Map(services.map((s) => [JSON.stringify([s.environment, s.service]), s]));
  // The prune leaves the incoming pairs to the upsert: one statement must not touch a row twice.
  await sql`
    with incoming as (
      select environment, service
        from jsonb_to_recordset(${sql.json([...unique.values()] as never)}::jsonb)
          as x(environment text, service text)
    ), pruned as (
      delete from public.otlp_metric_services s
       where seen_at < now() - interval '2 days'
         and not exists (
           select from incoming i where i.environment = s.environment and i.service = s.service)
    )
    insert into public.otlp_metric_services (environment, service, seen_at)
    select environment, service, now() from incoming
     order by environment, service
    on conflict (environment, service) do update set seen_at = excluded.seen_at
     where otlp_metric_services.seen_at < now() - interval '1 minute'`;
}

/** The pairs that sent request-duration histograms in the last `seconds`. */
export function selectMetricServices(sql: Sql, seconds: number) {
  return sql<MetricService[]>`
    select environment, service from public.otlp_metric_services
     where seen_at > now() - make_interval(secs => ${seconds})`;
}
