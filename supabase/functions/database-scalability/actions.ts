import type { AnyAction } from '../_shared/action.ts';
import { withCommonActions } from '../_shared/registry.ts';
import { checkActions } from './actions/checks.ts';
import { databaseHealthCheck } from './actions/health-check.ts';
import { lintMigration } from './actions/lint-migration.ts';
import { preDeploymentCheck } from './actions/pre-deployment-check.ts';

export const FUNCTION_NAME = 'database-scalability';

/**
 * The actions of `database-scalability`: the contract its callers rely on. Its health_check also
 * measures the database round trip.
 */
export const actions: readonly AnyAction[] = withCommonActions(
  FUNCTION_NAME,
  [...checkActions, preDeploymentCheck, lintMigration],
  databaseHealthCheck(FUNCTION_NAME),
);
