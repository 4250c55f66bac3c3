import { FUNCTION_NAMES, type FunctionName } from '../function-names.ts';
import type { AnyContract } from './contract.ts';
import { contracts as databaseScalability } from './database-scalability.ts';
import { contracts as deployOrchestrator } from './deploy-orchestrator.ts';
import { contracts as errorTracking } from './error-tracking.ts';
import { contracts as gdprCompliance } from './gdpr-compliance.ts';
import { openApiDocument } from './openapi.ts';
import { contracts as productionMonitoring } from './production-monitoring.ts';

/** Each function's contracts, precisely typed: what the client's types are read from. */
export interface ContractsByFunction {
  'production-monitoring': typeof productionMonitoring;
  'error-tracking': typeof errorTracking;
  'gdpr-compliance': typeof gdprCompliance;
  'database-scalability': typeof databaseScalability;
  'deploy-orchestrator': typeof deployOrchestrator;
}

/** Every function's contracts: what the CLI validates with, the client and the OpenAPI document use. */
export const CONTRACTS: Record<FunctionName, readonly AnyContract[]> = {
  'production-monitoring': productionMonitoring,
  'error-tracking': errorTracking,
  'gdpr-compliance': gdprCompliance,
  'database-scalability': databaseScalability,
  'deploy-orchestrator': deployOrchestrator,
};

/** The contract of one action, or undefined. */
export function contractOf(fn: FunctionName, action: string): AnyContract | undefined {
  return CONTRACTS[fn].find((c) => c.name === action);
}

/** The OpenAPI document of all five functions (the local stack serves it at one URL). */
export function rollgateOpenApi(serverUrl?: string) {
  return openApiDocument(
    FUNCTION_NAMES.map((name) => ({ name, contracts: CONTRACTS[name] })),
    serverUrl,
  );
}
