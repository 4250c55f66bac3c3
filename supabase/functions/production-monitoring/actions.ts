import type { AnyAction } from '../_shared/action.ts';
import { withCommonActions } from '../_shared/registry.ts';
import { deploymentStatistics } from './actions/deployment-statistics.ts';
import { logDeploymentAction } from './actions/log-deployment.ts';
import {
  configureMonitoringTarget,
  listIncidents,
  runMonitoringAction,
} from './actions/monitoring.ts';
import { performanceMetrics } from './actions/performance-metrics.ts';
import { performanceReport } from './actions/performance-report.ts';
import { recordRequests } from './actions/record-requests.ts';
import { requestExemplars } from './actions/request-exemplars.ts';
import { systemHealthScore } from './actions/system-health-score.ts';
import { systemStatus } from './actions/system-status.ts';
import { getTelemetrySettings, setTelemetrySettings } from './actions/telemetry-settings.ts';

export const FUNCTION_NAME = 'production-monitoring';

/** The actions of `production-monitoring`: the contract its callers rely on. */
export const actions: readonly AnyAction[] = withCommonActions(FUNCTION_NAME, [
  recordRequests,
  performanceMetrics,
  performanceReport,
  systemHealthScore,
  systemStatus,
  runMonitoringAction,
  configureMonitoringTarget,
  listIncidents,
  logDeploymentAction,
  deploymentStatistics,
  requestExemplars,
  getTelemetrySettings,
  setTelemetrySettings,
]);
