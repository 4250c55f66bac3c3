import type { FunctionName } from '../../shared/function-names.ts';
import type { AnyAction } from '../../supabase/functions/_shared/action.ts';
import { actions as databaseScalability } from '../../supabase/functions/database-scalability/actions.ts';
import { actions as deployOrchestrator } from '../../supabase/functions/deploy-orchestrator/actions.ts';
import { actions as errorTracking } from '../../supabase/functions/error-tracking/actions.ts';
import { actions as gdprCompliance } from '../../supabase/functions/gdpr-compliance/actions.ts';
import { actions as productionMonitoring } from '../../supabase/functions/production-monitoring/actions.ts';

/** Every function's action registry: what generated tests walk, so a new action is covered at once. */
export const REGISTRIES: Record<FunctionName, readonly AnyAction[]> = {
  'production-monitoring': productionMonitoring,
  'error-tracking': errorTracking,
  'gdpr-compliance': gdprCompliance,
  'database-scalability': databaseScalability,
  'deploy-orchestrator': deployOrchestrator,
};

export const REGISTERED_ACTIONS = Object.entries(REGISTRIES).flatMap(([fn, actions]) =>
  actions.map((action) => ({ fn: fn as FunctionName, action })),
);
