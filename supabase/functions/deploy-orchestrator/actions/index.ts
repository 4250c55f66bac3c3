// The modules whose actions ../actions.ts binds to the function's contracts.
export * from './audit-checkpoint.ts';
export * from './commands.ts';
export * from './database-webhook.ts';
export * from './environments.ts';
export * from './flags.ts';
export * from './get-status.ts';
export * from './grants.ts';
export * from './ingest-keys.ts';
export * from './notifications.ts';
export * from './preflight.ts';
export * from './start-deployment.ts';
export * from './tick.ts';
export * from './verify-audit.ts';
export * from './webhook-targets.ts';
