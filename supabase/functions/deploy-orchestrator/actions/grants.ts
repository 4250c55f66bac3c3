import {
  grantsFromClaims,
  PERMISSIONS,
  type Permission,
  ROLE_PERMISSIONS,
  SERVICE_PERMISSIONS,
} from '../../../../shared/access/permissions.ts';
import { AppError } from '../../../../shared/app-error.ts';
import * as contracts from '../../../../shared/contracts/deploy-orchestrator.ts';
import { deleteGrant, grantsOf, insertGrant, listGrants } from '../../../../shared/sql/grants.ts';
import { defineAction } from '../../_shared/action.ts';
import { actorOf } from '../../_shared/actor.ts';

export const grantRole = defineAction(contracts.grantRole, async (input, { sql, caller }) => {
  const subject = `user:${input.user_id}`;
  const added = await insertGrant(sql, {
    ...input,
    subject,
    grantedBy: actorOf(caller),
  });
  return { subject, role: input.role, environment: input.environment, changed: added };
});

export const revokeRole = defineAction(contracts.revokeRole, async (input, { sql }) => {
  const subject = `user:${input.user_id}`;
  const removed = await deleteGrant(sql, { ...input, subject });
  return { subject, role: input.role, environment: input.environment, changed: removed };
});

export const listGrantsAction = defineAction(contracts.listGrants, async (_input, { sql }) => {
  return { grants: await listGrants(sql) };
});

/** What the caller's credential is and may do: for `rollgate whoami` and the dashboard. */
export const whoami = defineAction(contracts.whoami, async (_input, { sql, caller }) => {
  // whoami needs `read`: the dispatcher has identified the caller before it runs.
  if (!caller) throw new AppError(401, 'unauthorized', 'this action needs a key or a bearer token');
  const service = caller.role === 'service_role';
  const grants =
    caller.role === 'authenticated'
      ? [...grantsFromClaims(caller.claims), ...(await grantsOf(sql, caller.identity))]
      : [];
  // Environment-scoped permissions count here when held in any environment.
  const anywhere = (p: Permission) => grants.some((g) => ROLE_PERMISSIONS[g.role].includes(p));
  const permissions = service
    ? [...SERVICE_PERMISSIONS]
    : caller.role === 'anon'
      ? ['read']
      : PERMISSIONS.filter((p) => p !== 'service' && (p === 'read' || anywhere(p)));
  return {
    identity: caller.identity,
    label: caller.label,
    supabase_role: caller.role,
    grants,
    permissions,
  };
});
