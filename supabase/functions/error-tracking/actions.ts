import type { AnyAction } from '../_shared/action.ts';
import { withCommonActions } from '../_shared/registry.ts';
import { createAlertRule, deleteAlertRuleAction, listAlertRules } from './actions/alert-rules.ts';
import { checkErrorAlerts } from './actions/check-error-alerts.ts';
import { getErrorRate } from './actions/get-error-rate.ts';
import { listIssues, updateIssue } from './actions/issues.ts';
import { trackError, trackErrors } from './actions/track-error.ts';

export const FUNCTION_NAME = 'error-tracking';

/** The actions of `error-tracking`: the contract its callers rely on. */
export const actions: readonly AnyAction[] = withCommonActions(FUNCTION_NAME, [
  trackError,
  trackErrors,
  getErrorRate,
  listIssues,
  updateIssue,
  createAlertRule,
  listAlertRules,
  deleteAlertRuleAction,
  checkErrorAlerts,
]);
