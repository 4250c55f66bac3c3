/** The API's answers the dashboard reads: the contracts' types (shared/contracts/deployment.ts). */
export type {
  AnalysisRun as Analysis,
  Deployment,
  DeploymentStatus,
} from '../../shared/contracts/deployment.ts';
export { ACTIVE_STATUSES as ACTIVE } from '../../shared/model/deployment-status.ts';
