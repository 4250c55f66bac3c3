import type { WindowPlan } from '../model/window-plan.ts';
import type { Sql } from '../sql/client.ts';
import { type SeriesFilter, selectWindowTotals } from '../sql/telemetry-query.ts';
import { metricsOf, type WindowMetrics } from './metrics.ts';
import { planWindow, windowSeconds } from './time-window.ts';

export interface WindowRequest extends SeriesFilter {
  time_window: string;
  as_of?: string | undefined;
}

export interface WindowAnswer extends WindowMetrics {
  time_window: string;
  window_start: string;
  window_end: string;
  resolution: WindowPlan['resolution'];
}

export function planFor(request: WindowRequest): WindowPlan {
  const seconds = windowSeconds(request.time_window) as number;
  return planWindow(seconds, request.as_of ? new Date(request.as_of) : new Date());
}

export function filterOf(request: SeriesFilter): SeriesFilter {
  return {
    environment: request.environment,
    deployment_id: request.deployment_id,
    variant: request.variant,
  };
}

/** Metrics of one window, read from the rollups only (`latency: false`: counts and rates only). */
export async function queryWindow(
  sql: Sql,
  request: WindowRequest,
  options: { latency?: boolean } = {},
): Promise<WindowAnswer> {
  const plan = planFor(request);
  const totals = await selectWindowTotals(sql, plan, filterOf(request), options);
  return describeWindow(request.time_window, plan, metricsOf(totals, plan.seconds));
}

export function describeWindow(
  label: string,
  plan: WindowPlan,
  metrics: WindowMetrics,
): WindowAnswer {
  return {
    ...metrics,
    time_window: label,
    window_start: plan.from.toISOString(),
    window_end: plan.to.toISOString(),
    resolution: plan.resolution,
  };
}
