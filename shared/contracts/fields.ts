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

/** A timestamp on the wire: ISO 8601 (a `Date` in a handler's result is sent as its ISO string). */
export const timestamp = z.iso.datetime({ offset: true });
