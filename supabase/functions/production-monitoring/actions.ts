import { contracts } from '../../../shared/contracts/production-monitoring.ts';
import type { AnyAction } from '../_shared/action.ts';
import { bindActions } from '../_shared/registry.ts';
import * as handlers from './actions/index.ts';

export const FUNCTION_NAME = 'production-monitoring';

/** The actions of `production-monitoring`: its contracts, each bound to its handler. */
export const actions: readonly AnyAction[] = bindActions(FUNCTION_NAME, contracts, handlers);
