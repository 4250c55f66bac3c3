import { createFunctionApp, type FunctionDeps } from '../_shared/app.ts';
import { actions, FUNCTION_NAME } from './actions.ts';

export function createProductionMonitoringApp(deps: FunctionDeps) {
  return createFunctionApp(FUNCTION_NAME, actions, deps);
}
