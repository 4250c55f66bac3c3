import type { AnyAction } from '../_shared/action.ts';
import { withCommonActions } from '../_shared/registry.ts';

export const FUNCTION_NAME = 'deploy-orchestrator';

/** The actions of `deploy-orchestrator`: the contract its callers rely on. */
export const actions: readonly AnyAction[] = withCommonActions(FUNCTION_NAME, []);
