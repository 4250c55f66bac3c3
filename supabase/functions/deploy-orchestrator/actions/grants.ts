import { z } from 'zod';
import {
  ALL_ENVIRONMENTS,
  grantsFromClaims,
  PERMISSIONS,
  type Permission,
  ROLE_PERMISSIONS,
  ROLLGATE_ROLES,
  SERVICE_PERMISSIONS,
} from '../../../../shared/access/permissions.ts';
import { deleteGrant, grantsOf, insertGrant, listGrants } from '../../../../shared/sql/grants.ts';
import { defineAction } from '../../_shared/action.ts';
import { actorOf } from '../../_shared/actor.ts';

const grant = {
  user_id: z.uuid(),
  role: z.enum(ROLLGATE_ROLES),
  environment: z
    .string()
    .regex(/^(\*|[a-z][a-z0-9_-]{0,62})$/, 'an environment name, or * for every environment')
    .default(ALL_ENVIRONMENTS),
};

export const grantRole = defineAction({
  name: 'grant_role',
  summary:
    'Grant a Supabase Auth user a Rollgate role (viewer, deployer, approver, admin), in one environment or all (*).',
  access: 'admin',
  input: grant,
  async handler(input, { sql, caller }) {
    const subject = `user:${input.user_id}`;
    const added = await insertGrant(sql, {
      ...input,
      subject,
      grantedBy: actorOf(caller),
    });
    return { subject, role: input.role, environment: input.environment, changed: added };
  },
});

export const revokeRole = defineAction({
  name: 'revoke_role',
  summary: 'Take a Rollgate role back from a user.',
  access: 'admin',
  input: grant,
  async handler(input, { sql }) {
    const subject = `user:${input.user_id}`;
    const removed = await deleteGrant(sql, { ...input, subject });
    return { subject, role: input.role, environment: input.environment, changed: removed };
  },
});

export const listGrantsAction = defineAction({
  name: 'list_grants',
  summary: 'Every Rollgate role granted, to whom, where and by whom.',
  access: 'admin',
  input: {},
  async handler(_input, { sql }) {
    return { grants: await listGrants(sql) };
  },
});

/** What the caller's credential is and may do: for `rollgate whoami` and the dashboard. */
export const whoami = defineAction({
  name: 'whoami',
  summary: 'The caller as its credential proves it, its Rollgate roles and permissions.',
  access: 'read',
  input: {},
  async handler(_input, { sql, caller }) {
    if (!caller) return null;
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
  },
});

export const grantActions = [grantRole, revokeRole, listGrantsAction, whoami];
