import * as contracts from '../../../../shared/contracts/production-monitoring.ts';
import { selectWindowByRoute, selectWindowTotals } from '../../../../shared/sql/telemetry-query.ts';
import {
  changePercent,
  metricsOf,
  rawMetricsOf,
  type WindowMetrics,
} from '../../../../shared/telemetry/metrics.ts';
import { previousWindow } from '../../../../shared/telemetry/time-window.ts';
import { describeWindow, filterOf, planFor } from '../../../../shared/telemetry/window-query.ts';
import { defineAction } from '../../_shared/action.ts';

const COMPARED = [
  'error_rate',
  'avg_response_time',
  'p95_response_time',
  'p99_response_time',
  'requests_per_second',
] as const;

/** The post-deployment report: metrics, per route, and the change against the window before. */
export const performanceReport = defineAction(
  contracts.performanceReport,
  async (input, { sql }) => {
    const plan = planFor(input);
    const before = previousWindow(plan);
    const filter = filterOf(input);
    const [current, previous, routes] = await Promise.all([
      selectWindowTotals(sql, plan, filter),
      selectWindowTotals(sql, before, filter),
      selectWindowByRoute(sql, plan, filter),
    ]);
    const now = rawMetricsOf(current, plan.seconds);
    const then = rawMetricsOf(previous, plan.seconds);
    return {
      ...describeWindow(input.time_window, plan, metricsOf(current, plan.seconds)),
      routes: routes
        .slice(0, input.routes_limit)
        .map((r) => ({ route: r.route || '(none)', ...metricsOf(r, plan.seconds) })),
      previous: describeWindow(input.time_window, before, metricsOf(previous, plan.seconds)),
      change_percent: Object.fromEntries(
        COMPARED.map((k) => [
          k,
          changePercent(
            now[k as keyof WindowMetrics] as number,
            then[k as keyof WindowMetrics] as number,
          ),
        ]),
      ),
    };
  },
);
