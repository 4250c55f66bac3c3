import { contracts } from '../../../shared/contracts/error-tracking.ts';
import type { AnyAction } from '../_shared/action.ts';
import { bindActions } from '../_shared/registry.ts';
import * as handlers from './actions/index.ts';

export const FUNCTION_NAME = 'error-tracking';

/** The actions of `error-tracking`: its contracts, each bound to its handler. */
export const actions: readonly AnyAction[] = bindActions(FUNCTION_NAME, contracts, handlers);
