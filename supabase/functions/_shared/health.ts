import { defineAction } from './action.ts';

const startedAt = new Date();

/** The bare liveness probe the procedure scripts call without a token. */
export function healthCheckAction(functionName: string) {
  return defineAction({
    name: 'health_check',
    summary: 'Liveness of this function; no authentication.',
    access: 'public',
    input: {},
    async handler() {
      return {
        status: 'healthy' as const,
        function: functionName,
        timestamp: new Date().toISOString(),
        uptime_seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
      };
    },
  });
}
