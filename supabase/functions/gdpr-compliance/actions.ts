import { contracts } from '../../../shared/contracts/gdpr-compliance.ts';
import type { AnyAction } from '../_shared/action.ts';
import { bindActions } from '../_shared/registry.ts';
import * as handlers from './actions/index.ts';

export const FUNCTION_NAME = 'gdpr-compliance';

/**
 * The actions of `gdpr-compliance`: its contracts, each bound to its handler. Every one is
 * service_role only: they read and change personal data and the registers about it.
 */
export const actions: readonly AnyAction[] = bindActions(FUNCTION_NAME, contracts, handlers);
