import { healthCheck } from '../../../shared/contracts/common.ts';
import { defineAction } from './action.ts';

const startedAt = new Date();

/** The bare liveness probe the procedure scripts call without a token. */
export function healthCheckAction(functionName: string) {
  return defineAction(healthCheck, async () => ({
    status: 'healthy' as const,
    function: functionName,
    timestamp: new Date().toISOString(),
    uptime_seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
  }));
}
