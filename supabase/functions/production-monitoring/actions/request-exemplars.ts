import * as contracts from '../../../../shared/contracts/production-monitoring.ts';
import {
  selectErrorEventsByTrace,
  selectExemplars,
} from '../../../../shared/sql/telemetry-exemplars.ts';
import { planFor } from '../../../../shared/telemetry/window-query.ts';
import { defineAction } from '../../_shared/action.ts';

/**
 * The slowest and failed requests kept per minute and series over a window, each with the error
 * events that carry its trace id. Routes and trace ids are request details: `view` only.
 */
export const requestExemplars = defineAction(contracts.requestExemplars, async (input, { sql }) => {
  const plan = planFor(input);
  const rows = await selectExemplars(sql, plan, input);
  const traceIds = [...new Set(rows.flatMap((r) => (r.trace_id ? [r.trace_id] : [])))];
  const events = traceIds.length > 0 ? await selectErrorEventsByTrace(sql, traceIds, plan) : [];
  return {
    time_window: input.time_window,
    window_start: plan.from.toISOString(),
    window_end: plan.to.toISOString(),
    exemplars: rows.map(({ occurred_at, ...row }) => ({
      ...row,
      occurred_at: occurred_at.toISOString(),
      error_events: events
        .filter((e) => e.trace_id === row.trace_id)
        .map(({ trace_id: _, occurred_at: at, ...e }) => ({
          ...e,
          occurred_at: at.toISOString(),
        })),
    })),
  };
});
