import { z } from 'zod';

/** How a rollout moves traffic: not at all, by a feature flag, or by calling a webhook. */
export const trafficSchema = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('none') }),
  z.object({ provider: z.literal('feature_flag'), flag: z.string().min(1).max(255) }),
  z.object({ provider: z.literal('webhook'), url: z.url({ protocol: /^https?$/ }) }),
]);
export type Traffic = z.infer<typeof trafficSchema>;
