/** The five Edge Functions, in the order the procedure documents introduce them. */
export const FUNCTION_NAMES = [
  'production-monitoring',
  'error-tracking',
  'gdpr-compliance',
  'database-scalability',
  'deploy-orchestrator',
] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];
