import type { Hono } from 'hono';
import type { FunctionName } from '../shared/function-names.ts';
import type { FunctionDeps } from '../supabase/functions/_shared/app.ts';
import { createDatabaseScalabilityApp } from '../supabase/functions/database-scalability/app.ts';
import { createDeployOrchestratorApp } from '../supabase/functions/deploy-orchestrator/app.ts';
import { createErrorTrackingApp } from '../supabase/functions/error-tracking/app.ts';
import { createGdprComplianceApp } from '../supabase/functions/gdpr-compliance/app.ts';
import { createProductionMonitoringApp } from '../supabase/functions/production-monitoring/app.ts';

/** The same app objects each function's index.ts serves under Deno. */
// biome-ignore lint/suspicious/noExplicitAny: Hono apps differ only in their route typing
export function createFunctionApps(deps: FunctionDeps): Record<FunctionName, Hono<any, any, any>> {
  return {
    'production-monitoring': createProductionMonitoringApp(deps),
    'error-tracking': createErrorTrackingApp(deps),
    'gdpr-compliance': createGdprComplianceApp(deps),
    'database-scalability': createDatabaseScalabilityApp(deps),
    'deploy-orchestrator': createDeployOrchestratorApp(deps),
  };
}
