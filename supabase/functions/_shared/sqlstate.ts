/**
 * SQLSTATE → HTTP. Rules enforced in SQL raise their own codes in class `RG` (RG409 conflict,
 * RG422 rule broken, RG404 not found, RG400 bad input); a few standard codes map too.
 * Anything else is a bug and answers 500.
 */
export const SQLSTATE_STATUS: Record<string, { status: number; code: string }> = {
  RG400: { status: 400, code: 'invalid_request' },
  RG404: { status: 404, code: 'not_found' },
  RG409: { status: 409, code: 'conflict' },
  RG422: { status: 422, code: 'rule_violation' },
  '23505': { status: 409, code: 'conflict' },
  '23503': { status: 422, code: 'reference_missing' },
  '23514': { status: 422, code: 'rule_violation' },
  '22P02': { status: 400, code: 'invalid_request' },
  '22007': { status: 400, code: 'invalid_request' },
  '22008': { status: 400, code: 'invalid_request' },
  '40001': { status: 409, code: 'serialization_conflict' },
  '40P01': { status: 409, code: 'serialization_conflict' },
  '55P03': { status: 409, code: 'lock_not_available' },
};

/** Classes and codes that mean the database is not reachable right now (answer 503). */
export function isUnavailable(sqlstate: string): boolean {
  return (
    sqlstate.startsWith('08') || ['57P01', '57P02', '57P03', '53300', '53400'].includes(sqlstate)
  );
}

/** postgres.js connection-level failures carry a Node error code, not a SQLSTATE. */
export const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);
