// The modules whose actions ../actions.ts binds to the function's contracts.
export * from './deployment-statistics.ts';
export * from './log-deployment.ts';
export * from './monitoring.ts';
export * from './performance-metrics.ts';
export * from './performance-report.ts';
export * from './record-requests.ts';
export * from './request-exemplars.ts';
export * from './system-health-score.ts';
export * from './system-status.ts';
export * from './telemetry-settings.ts';
