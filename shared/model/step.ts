import { z } from 'zod';

/** One step of a canary rollout: the canary's share of traffic and how long it holds. */
export const stepSchema = z.object({
  weight: z.number().int().min(1).max(100),
  pause_seconds: z.number().int().min(0).max(86_400),
  /** Canary requests the step must see before it may advance (sized by the pre-flight). */
  min_canary_requests: z.number().int().min(0).max(100_000_000).optional(),
});
export type Step = z.infer<typeof stepSchema>;
