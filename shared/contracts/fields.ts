import { z } from 'zod';

/**
 * The `actor` field older scripts send: still accepted (so they are not refused) and validated,
 * but it names nobody — the actor is the credential's identity.
 */
export const IGNORED_ACTOR = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .optional()
  .describe('ignored: who acts is the credential (kept so older scripts are not refused)');
