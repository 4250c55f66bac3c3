// The modules whose actions ../actions.ts binds to the function's contracts.
export * from './alert-rules.ts';
export * from './check-error-alerts.ts';
export * from './get-error-rate.ts';
export * from './issues.ts';
export * from './track-error.ts';
