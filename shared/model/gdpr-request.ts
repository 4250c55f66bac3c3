/** A data-subject request's types (Art. 15–21) and the statuses it passes through. */
export const REQUEST_TYPES = [
  'access',
  'erasure',
  'rectification',
  'restriction',
  'portability',
  'objection',
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const REQUEST_STATUSES = [
  'received',
  'verified',
  'in_progress',
  'extended',
  'completed',
  'rejected',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
