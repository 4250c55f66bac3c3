import { z } from 'zod';

/**
 * A service is what a deployment changes — one Edge Function, the frontend, a worker. Each has
 * its own rollout: one active per environment and service, its own stable version, its own
 * evidence. Callers that name none (the runbook's scripts) deploy the service `default`.
 */
export const DEFAULT_SERVICE = 'default';

export const serviceSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,62}$/,
    'a service is 1–63 lowercase letters, digits, ".", "_" or "-"',
  );
