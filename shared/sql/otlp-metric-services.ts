import type { Sql } from './client.ts';

/** An (environment, `service.name`) pair whose requests OTLP metrics count. */
export interface MetricService {
  environment: string;
  service: string;
}

/**
 * Records that these pairs sent request-duration histograms now (a row is rewritten at most once
 * a minute); forgets pairs gone two days.
 */
export async function touchMetricServices(tx: Sql, services: readonly MetricService[]) {
  const unique = new Map(services.map((s) => [JSON.stringify([s.environment, s.service]), s]));
  await tx`
    insert into public.otlp_metric_services (environment, service, seen_at)
    select environment, service, now()
      from jsonb_to_recordset(${tx.json([...unique.values()] as never)}::jsonb)
        as x(environment text, service text)
     order by environment, service
    on conflict (environment, service) do update set seen_at = excluded.seen_at
     where otlp_metric_services.seen_at < now() - interval '1 minute'`;
  await tx`delete from public.otlp_metric_services where seen_at < now() - interval '2 days'`;
}

/** The pairs that sent request-duration histograms in the last `seconds`. */
export function selectMetricServices(sql: Sql, seconds: number) {
  return sql<MetricService[]>`
    select environment, service from public.otlp_metric_services
     where seen_at > now() - make_interval(secs => ${seconds})`;
}
