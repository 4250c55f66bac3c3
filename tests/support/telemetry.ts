import type { TestApi } from './test-api.ts';

let counter = 0;
/** A fresh environment name, so tests in one database never see each other's telemetry. */
export function uniqueEnvironment(prefix = 'env'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

export interface Sample {
  duration_ms: number;
  status: number;
  route?: string;
  environment?: string;
  deployment_id?: string;
  variant?: 'canary' | 'stable';
  timestamp?: string;
  trace_id?: string;
}

/** Sends samples in batches of 5,000 through real HTTP; fails loudly on any refusal. */
export async function recordRequests(api: TestApi, samples: Sample[]): Promise<void> {
  for (let i = 0; i < samples.length; i += 5000) {
    const reply = await api.call('production-monitoring', {
      action: 'record_requests',
      requests: samples.slice(i, i + 5000),
    });
    if (reply.status !== 200)
      throw new Error(`record_requests: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
}

/** `count` critical error events from a production canary, in three distinct messages. */
export function criticalCanaryErrors(deployment_id: string, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    error_message: `payment failed ${i % 3}`,
    component: 'checkout',
    severity: 'critical',
    environment: 'production',
    deployment_id,
    variant: 'canary',
  }));
}
