import type { AnyAction } from '../_shared/action.ts';
import { withCommonActions } from '../_shared/registry.ts';
import { complianceReport } from './actions/compliance-report.ts';
import { executeRequest } from './actions/execute-request.ts';
import { extendRequest } from './actions/extend-request.ts';
import { getConsent } from './actions/get-consent.ts';
import { getDataMap } from './actions/get-data-map.ts';
import { listBreaches } from './actions/list-breaches.ts';
import { listRequests } from './actions/list-requests.ts';
import { placeLegalHold } from './actions/place-legal-hold.ts';
import { recordConsent } from './actions/record-consent.ts';
import { releaseLegalHold } from './actions/release-legal-hold.ts';
import { removeFromDataMap } from './actions/remove-from-data-map.ts';
import { reportBreach } from './actions/report-breach.ts';
import { runRetention } from './actions/run-retention.ts';
import { setDataMap } from './actions/set-data-map.ts';
import { submitRequest } from './actions/submit-request.ts';
import { updateBreach } from './actions/update-breach.ts';
import { updateRequestStatus } from './actions/update-request-status.ts';

export const FUNCTION_NAME = 'gdpr-compliance';

/**
 * The actions of `gdpr-compliance`: the contract its callers rely on. Every one is service_role
 * only: they read and change personal data and the registers about it.
 */
export const actions: readonly AnyAction[] = withCommonActions(FUNCTION_NAME, [
  setDataMap,
  getDataMap,
  removeFromDataMap,
  submitRequest,
  updateRequestStatus,
  extendRequest,
  executeRequest,
  listRequests,
  placeLegalHold,
  releaseLegalHold,
  recordConsent,
  getConsent,
  runRetention,
  reportBreach,
  updateBreach,
  listBreaches,
  complianceReport,
]);
