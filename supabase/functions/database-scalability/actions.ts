import { contracts } from '../../../shared/contracts/database-scalability.ts';
import type { AnyAction } from '../_shared/action.ts';
import { bindActions } from '../_shared/registry.ts';
import { databaseHealthCheck } from './actions/health-check.ts';
import * as handlers from './actions/index.ts';

export const FUNCTION_NAME = 'database-scalability';

/**
 * The actions of `database-scalability`: its contracts, each bound to its handler. Its
 * health_check also measures the database round trip.
 */
export const actions: readonly AnyAction[] = bindActions(
  FUNCTION_NAME,
  contracts,
  handlers,
  databaseHealthCheck(FUNCTION_NAME),
);
