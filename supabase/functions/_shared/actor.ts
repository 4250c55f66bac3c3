import type { Caller } from './action.ts';

/**
 * Who a change is recorded against, from the credential alone: a user's e-mail (else their id),
 * a secret key's name (`key:ci`), `service_role` for the legacy key. A body's `actor` names
 * nobody: four-eyes compares these identities, and free text would let one key be two people
 * (issue 12 finding 2). Old scripts may still send `actor`; it is ignored.
 */
export function actorOf(caller: Caller | null): string {
  if (!caller) return 'anonymous';
  if (caller.role === 'service_role') return caller.identity;
  const email = caller.claims.email;
  return typeof email === 'string' && email ? email : (caller.subject ?? caller.role);
}
