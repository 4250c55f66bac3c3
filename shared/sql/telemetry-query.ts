import type { WindowPlan } from '../model/window-plan.ts';
import type { Sql } from './client.ts';

export interface SeriesFilter {
  environment?: string | undefined;
  deployment_id?: string | undefined;
  variant?: string | undefined;
  route?: string | undefined;
}

export interface WindowTotals {
  requests: number;
  failed: number;
  error_events: number;
  duration_sum: number;
  duration_max: number;
  hist: number[];
}

/** The narrowest scope that answers the filter (each scope partitions all traffic). */
export function scopeFor(filter: SeriesFilter): 'env' | 'deployment' | 'route' {
  if (filter.route !== undefined) return 'route';
  if (filter.deployment_id !== undefined || filter.variant !== undefined) return 'deployment';
  return 'env';
}

function where(sql: Sql, plan: WindowPlan, filter: SeriesFilter, scope = scopeFor(filter)) {
  return sql`
    resolution = ${plan.resolution} and scope = ${scope}
    and bucket >= ${plan.from} and bucket < ${plan.to}
    ${filter.environment === undefined ? sql`` : sql`and environment = ${filter.environment}`}
    ${filter.deployment_id === undefined ? sql`` : sql`and deployment_id = ${filter.deployment_id}`}
    ${filter.variant === undefined ? sql`` : sql`and variant = ${filter.variant}`}
    ${filter.route === undefined ? sql`` : sql`and route = ${filter.route}`}`;
}

/**
 * Sums of one window's rollup rows: at most one row per bucket per series is read. Histograms
 * (stored trimmed) are merged by summing their unnested buckets in one pass (much cheaper than an aggregate that
 * calls telemetry_hist_add per row); `latency: false` skips them when only counts are wanted.
 */
export async function selectWindowTotals(
  sql: Sql,
  plan: WindowPlan,
  filter: SeriesFilter,
  options: { latency?: boolean } = {},
): Promise<WindowTotals> {
  const hist =
    options.latency === false
      ? sql`'{}'::int[]`
      : sql`(select coalesce(array_agg(n order by i), '{}') from (
               select i, sum(v)::int as n from rows, unnest(public.telemetry_hist_dense(rows.hist)) with ordinality u(v, i) group by i) h)`;
  const [row] = await sql<WindowTotals[]>`
    with rows as (
      select requests, failed, error_events, duration_sum, duration_max, hist
        from public.telemetry_rollups where ${where(sql, plan, filter)})
    select coalesce(sum(requests), 0)::float8 as requests,
           coalesce(sum(failed), 0)::float8 as failed,
           coalesce(sum(error_events), 0)::float8 as error_events,
           coalesce(sum(duration_sum), 0)::float8 as duration_sum,
           coalesce(max(duration_max), 0)::float8 as duration_max,
           ${hist} as hist
      from rows`;
  return (
    row ?? { requests: 0, failed: 0, error_events: 0, duration_sum: 0, duration_max: 0, hist: [] }
  );
}

/** The same sums per route (requests only; error events carry no route). */
export function selectWindowByRoute(
  sql: Sql,
  plan: WindowPlan,
  filter: Pick<SeriesFilter, 'environment'>,
) {
  return sql<Array<WindowTotals & { route: string }>>`
    select route,
           sum(requests)::float8 as requests,
           sum(failed)::float8 as failed,
           0::float8 as error_events,
           sum(duration_sum)::float8 as duration_sum,
           max(duration_max)::float8 as duration_max,
           public.telemetry_hist_sum(hist) as hist
      from public.telemetry_rollups
     where ${where(sql, plan, filter, 'route')} and requests > 0
     group by route
     order by sum(requests) desc, route`;
}
