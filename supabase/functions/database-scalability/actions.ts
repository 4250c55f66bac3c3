import type { AnyAction } from '../_shared/action.ts';
import { withCommonActions } from '../_shared/registry.ts';
import { blockingLocks } from './actions/blocking-locks.ts';
import { tableSizes } from './actions/table-sizes.ts';
import { unvalidatedConstraints } from './actions/unvalidated-constraints.ts';

export const FUNCTION_NAME = 'database-scalability';

/** The actions of `database-scalability`: the contract its callers rely on. */
export const actions: readonly AnyAction[] = withCommonActions(FUNCTION_NAME, [
  blockingLocks,
  tableSizes,
  unvalidatedConstraints,
]);
