import { createFunctionApp, type FunctionDeps } from '../_shared/app.ts';
import { actions, FUNCTION_NAME } from './actions.ts';
import { addSentryRoutes } from './sentry/routes.ts';

export function createErrorTrackingApp(deps: FunctionDeps) {
  const app = createFunctionApp(FUNCTION_NAME, actions, deps);
  addSentryRoutes(app, deps);
  return app;
}
