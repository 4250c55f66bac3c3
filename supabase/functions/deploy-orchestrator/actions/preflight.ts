import { z } from 'zod';
import { preflightReport } from '../../../../shared/rollout/preflight-report.ts';
import { defineAction } from '../../_shared/action.ts';

const stepSchema = z.object({
  weight: z.number().int().min(1).max(100),
  pause_seconds: z.number().int().min(0).max(86_400),
});

export const preflight = defineAction({
  name: 'preflight',
  summary:
    'Pre-flight power report: from the last hour of traffic, what a canary plan detects, and its steps sized (min_canary_requests) to catch the targets with about 95 % power.',
  access: 'view',
  input: {
    environment: z.string().min(1).max(50),
    steps: z.array(stepSchema).min(1).max(20).optional(),
    detect: z
      .object({
        error_rate: z.number().gt(0).max(100).optional(),
        latency_factor: z.number().gt(1).max(100).optional(),
      })
      .optional(),
  },
  async handler(input, { sql }) {
    return preflightReport(sql, input);
  },
});
