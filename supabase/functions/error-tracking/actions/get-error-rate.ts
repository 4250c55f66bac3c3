import * as contracts from '../../../../shared/contracts/error-tracking.ts';
import { queryWindow } from '../../../../shared/telemetry/window-query.ts';
import { defineAction } from '../../_shared/action.ts';

/** `.result.error_rate`: percent of requests answered 5xx in the window (rollups only). */
export const getErrorRate = defineAction(contracts.getErrorRate, async (input, { sql }) => {
  const w = await queryWindow(sql, input, { latency: false });
  return {
    error_rate: w.error_rate,
    requests: w.requests,
    failed: w.failed,
    error_events: w.error_events,
    insufficient_data: w.insufficient_data,
    time_window: w.time_window,
    window_start: w.window_start,
    window_end: w.window_end,
    resolution: w.resolution,
  };
});
