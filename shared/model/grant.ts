/** Rollgate's own roles (access/permissions.ts says what each may do). */
export const ROLLGATE_ROLES = ['viewer', 'deployer', 'approver', 'admin'] as const;
export type RollgateRole = (typeof ROLLGATE_ROLES)[number];

/** A role held in one environment, or in every one (`*`, access/permissions.ts ALL_ENVIRONMENTS). */
export interface Grant {
  role: RollgateRole;
  environment: string;
}
