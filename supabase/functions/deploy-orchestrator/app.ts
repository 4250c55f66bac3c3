import { createFunctionApp, type FunctionDeps } from '../_shared/app.ts';
import { actions, FUNCTION_NAME } from './actions.ts';

export function createDeployOrchestratorApp(deps: FunctionDeps) {
  // Database Webhook payloads (no `action`) go to database_webhook.
  return createFunctionApp(FUNCTION_NAME, actions, deps, { webhookAction: 'database_webhook' });
}
