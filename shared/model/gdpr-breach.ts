/**
 * detected → notified (the supervisory authority was told) or not_required (assessed as
 * "unlikely to result in a risk", Art. 33(1), with the reasoning recorded) → closed.
 */
export const BREACH_STATUSES = ['detected', 'notified', 'not_required', 'closed'] as const;
export type BreachStatus = (typeof BREACH_STATUSES)[number];
