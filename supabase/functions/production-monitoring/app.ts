import { createFunctionApp, type FunctionDeps } from '../_shared/app.ts';
import { actions, FUNCTION_NAME } from './actions.ts';
import { addOtlpRoutes } from './otlp/routes.ts';

export function createProductionMonitoringApp(deps: FunctionDeps) {
  const app = createFunctionApp(FUNCTION_NAME, actions, deps);
  addOtlpRoutes(app, deps);
  return app;
}
