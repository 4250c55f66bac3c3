/**
 * A rollout's statuses, as the API and the audit log name them. Free of zod, so the dashboard
 * bundles the list without the schemas.
 */
export const STATUSES = [
  'pending_approval',
  'progressing',
  'paused',
  'succeeded',
  'rolled_back',
  'failed',
] as const;
export type Status = (typeof STATUSES)[number];
/** The statuses of a rollout still under way: at most one per environment. */
export const ACTIVE_STATUSES: readonly Status[] = ['pending_approval', 'progressing', 'paused'];
