import type { AnyAction } from '../_shared/action.ts';
import { withCommonActions } from '../_shared/registry.ts';

export const FUNCTION_NAME = 'production-monitoring';

/** The actions of `production-monitoring`: the contract its callers rely on. */
export const actions: readonly AnyAction[] = withCommonActions(FUNCTION_NAME, []);
