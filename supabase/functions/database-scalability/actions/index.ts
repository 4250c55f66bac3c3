// The modules whose actions ../actions.ts binds to the function's contracts.
export * from './checks.ts';
export * from './lint-migration.ts';
export * from './pre-deployment-check.ts';
