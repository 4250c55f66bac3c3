import type { Caller } from './action.ts';

/**
 * Who a change is recorded against. A user token speaks for its user (email, else id); a secret
 * key is automation, recorded by its key's name (`key:ci`) unless it names the person it acts
 * for (`actor`) — still free text for service callers (issue 12 #2, open).
 */
export function actorOf(caller: Caller | null, claimed: string | undefined): string {
  if (!caller) return 'anonymous';
  if (caller.role === 'service_role') return claimed ?? caller.identity;
  const email = caller.claims.email;
  return typeof email === 'string' && email ? email : (caller.subject ?? caller.role);
}
