import { AppError } from '../app-error.ts';
import type { RequestStatus, RequestType } from '../model/gdpr-request.ts';

/** Closed requests have been answered; every other status still runs against its deadline. */
export const CLOSED_STATUSES: readonly RequestStatus[] = ['completed', 'rejected'];

/** Request types `execute_request` carries out against the mapped tables. */
export const EXECUTABLE_TYPES: readonly RequestType[] = [
  'access',
  'portability',
  'erasure',
  'rectification',
];

/** What a caller may move a request to by hand (execution and extension have their own actions). */
export const MANUAL_STATUSES = ['verified', 'in_progress', 'completed', 'rejected'] as const;
export type ManualStatus = (typeof MANUAL_STATUSES)[number];

export interface RequestState {
  type: RequestType;
  status: RequestStatus;
  verified_at: Date | null;
}

export function isOpen(status: RequestStatus): boolean {
  return !CLOSED_STATUSES.includes(status);
}

/**
 * Refuses a status change the lifecycle does not allow (409 with the current status). Identity
 * must be verified before work starts (Art. 12(6)); executable requests complete only through
 * `execute_request`, so "completed" always means the data was actually handled.
 */
export function assertManualTransition(request: RequestState, to: ManualStatus): void {
  const refuse = (why: string) => {
    throw new AppError(409, 'invalid_transition', why, {
      details: { status: request.status, requested: to },
    });
  };
  if (!isOpen(request.status)) refuse(`the request is already ${request.status}`);
  if (to === 'verified' && request.verified_at) refuse('the requester is already verified');
  if (to === 'in_progress' && !request.verified_at) refuse('verify the requester first');
  if (to === 'completed') {
    if (EXECUTABLE_TYPES.includes(request.type)) {
      refuse(`${request.type} requests are completed by execute_request`);
    }
    if (!request.verified_at) refuse('verify the requester first');
  }
}

/** Refuses executing a request that is closed, unverified or of a type that has no execution. */
export function assertExecutable(request: RequestState): void {
  if (!EXECUTABLE_TYPES.includes(request.type)) {
    throw new AppError(422, 'not_executable', `${request.type} requests have no execution`, {
      details: { executable_types: EXECUTABLE_TYPES },
    });
  }
  if (!isOpen(request.status)) {
    throw new AppError(409, 'invalid_transition', `the request is already ${request.status}`, {
      details: { status: request.status },
    });
  }
  if (!request.verified_at) {
    throw new AppError(409, 'not_verified', 'verify the requester before executing the request', {
      details: { status: request.status },
    });
  }
}
