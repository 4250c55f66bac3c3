import { windowQueryFields } from '../../../../shared/telemetry/schemas.ts';
import { queryWindow } from '../../../../shared/telemetry/window-query.ts';
import { defineAction } from '../../_shared/action.ts';

/** `.result.avg_response_time`, `.result.requests_per_second`, … as the runbook's scripts read them. */
export const performanceMetrics = defineAction({
  name: 'performance_metrics',
  summary: 'Latency (avg, p50, p95, p99), error rate and throughput over a time window.',
  access: 'read',
  input: windowQueryFields,
  async handler(input, { sql }) {
    return queryWindow(sql, input);
  },
});
