import type { AnyAction } from '../_shared/action.ts';
import { withCommonActions } from '../_shared/registry.ts';
import { auditCheckpoint } from './actions/audit-checkpoint.ts';
import { approve, pause, promote, resume, rollback } from './actions/commands.ts';
import { databaseWebhook } from './actions/database-webhook.ts';
import {
  createFreeze,
  getEnvironmentAnalysis,
  listEnvironments,
  setEnvironmentAnalysis,
} from './actions/environments.ts';
import { evaluateFlag, listFlags, setFlag } from './actions/flags.ts';
import { getStatus, listDeployments } from './actions/get-status.ts';
import { grantActions } from './actions/grants.ts';
import { ingestKeyActions } from './actions/ingest-keys.ts';
import { listNotifications } from './actions/notifications.ts';
import { preflight } from './actions/preflight.ts';
import { startDeploymentAction } from './actions/start-deployment.ts';
import { tick } from './actions/tick.ts';
import { verifyAudit } from './actions/verify-audit.ts';
import { webhookTargetActions } from './actions/webhook-targets.ts';

export const FUNCTION_NAME = 'deploy-orchestrator';

/** The actions of `deploy-orchestrator`: the contract its callers rely on. */
export const actions: readonly AnyAction[] = withCommonActions(FUNCTION_NAME, [
  startDeploymentAction,
  approve,
  promote,
  pause,
  resume,
  rollback,
  getStatus,
  listDeployments,
  verifyAudit,
  setFlag,
  listFlags,
  evaluateFlag,
  listEnvironments,
  createFreeze,
  setEnvironmentAnalysis,
  getEnvironmentAnalysis,
  listNotifications,
  preflight,
  databaseWebhook,
  tick,
  auditCheckpoint,
  ...webhookTargetActions,
  ...grantActions,
  ...ingestKeyActions,
]);
