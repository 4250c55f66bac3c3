import type { Sql } from '../sql/client.ts';
import { selectAuditOrigin } from '../sql/notifications.ts';

/** Who caused a notification, and what that entitles it to. */
export interface NotificationOrigin {
  /** The rate limit's key: `rollgate`, `actor:<who>` or `log_deployment:<who>`. */
  source: string;
  /** Rollgate's own decision (automatic rollback, failure, step): never limited, sent first. */
  rollgateDecided: boolean;
  /** May page the emergency channel. */
  emergencyAllowed: boolean;
  /** Who sent it, as the credential proved (never a body field): `rollgate` or the caller's identity. */
  sender: string;
  /** The event is another tool's report (`log_deployment`): its `deployed_by` is the reporter's claim. */
  reported: boolean;
}

/** The actor the orchestrator records for what it decides itself (step timer, canary judge, …). */
export const ROLLGATE_ACTOR = 'rollgate';

/**
 * From the audit row the message is about: rows the orchestrator wrote as `rollgate` are its own
 * decisions; other orchestrator rows carry out a caller's command through the state machine (the
 * action's access admitted the caller), so they may reach the emergency channel but are limited
 * per caller; rows from `log_deployment` are claims by another tool and reach the emergency
 * channel only when a service_role caller made them.
 */
export function originOf(
  audit: { source: string; actor: string | null; reporter_role: string | null } | null,
): NotificationOrigin {
  if (!audit)
    return {
      source: 'unknown',
      rollgateDecided: false,
      emergencyAllowed: false,
      sender: 'unknown',
      reported: false,
    };
  const actor = audit.actor ?? 'unknown';
  const sent = { sender: actor, reported: false };
  if (audit.source === 'orchestrator' && actor === ROLLGATE_ACTOR)
    return { source: 'rollgate', rollgateDecided: true, emergencyAllowed: true, ...sent };
  if (audit.source === 'orchestrator')
    return { source: `actor:${actor}`, rollgateDecided: false, emergencyAllowed: true, ...sent };
  return {
    source: `log_deployment:${actor}`,
    rollgateDecided: false,
    emergencyAllowed: audit.reporter_role === 'service_role',
    sender: actor,
    reported: true,
  };
}

export async function loadOrigin(tx: Sql, auditId: number): Promise<NotificationOrigin> {
  return originOf(await selectAuditOrigin(tx, auditId));
}
