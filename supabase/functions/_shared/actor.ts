import type { Caller } from './action.ts';

/**
 * Who a change is recorded against. A user token speaks for its user (email, else id); the
 * service_role key belongs to automation, which may name the person it acts for (`actor`).
 */
export function actorOf(caller: Caller | null, claimed: string | undefined): string {
  if (!caller) return 'anonymous';
  if (caller.role === 'service_role') return claimed ?? 'service_role';
  const email = caller.claims.email;
  return typeof email === 'string' && email ? email : (caller.subject ?? caller.role);
}
