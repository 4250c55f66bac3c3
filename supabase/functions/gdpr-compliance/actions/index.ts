// The modules whose actions ../actions.ts binds to the function's contracts.
export * from './compliance-report.ts';
export * from './execute-request.ts';
export * from './extend-request.ts';
export * from './get-consent.ts';
export * from './get-data-map.ts';
export * from './list-breaches.ts';
export * from './list-requests.ts';
export * from './place-legal-hold.ts';
export * from './record-consent.ts';
export * from './release-legal-hold.ts';
export * from './remove-from-data-map.ts';
export * from './report-breach.ts';
export * from './run-retention.ts';
export * from './set-data-map.ts';
export * from './submit-request.ts';
export * from './update-breach.ts';
export * from './update-request-status.ts';
