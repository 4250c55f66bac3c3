/**
 * Who may do what in Rollgate, independent of the Supabase role a credential carries. In a
 * Supabase project `authenticated` is every person who signed up to the app: a user has no
 * Rollgate right until an admin grants a role, per environment or for all (`*`). Secret keys
 * (and the legacy service_role key) are the project's own server credentials — they can write
 * every table through PostgREST anyway — so they hold every permission. The publishable key
 * (anon) may read what a status page shows.
 */
import { type Grant, ROLLGATE_ROLES, type RollgateRole } from '../model/grant.ts';

/** What an action needs. `service`: machine callers only (cron, webhooks); `public`: nothing. */
export const PERMISSIONS = [
  'read',
  'view',
  'deploy',
  'approve',
  'ingest',
  'admin',
  'service',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<RollgateRole, readonly Permission[]> = {
  viewer: ['read', 'view'],
  deployer: ['read', 'view', 'deploy', 'ingest'],
  approver: ['read', 'view', 'approve'],
  admin: ['read', 'view', 'deploy', 'approve', 'ingest', 'admin'],
};

export const ANON_PERMISSIONS: readonly Permission[] = ['read'];

/** Only a person may: four-eyes means a second human, so no key approves. */
export const PERSON_ONLY: readonly Permission[] = ['approve'];

/** What a secret key (or the legacy service_role key) may do: everything a person need not. */
export const SERVICE_PERMISSIONS: readonly Permission[] = PERMISSIONS.filter(
  (p) => !PERSON_ONLY.includes(p),
);

/** Permissions that apply to one environment: a grant must cover the one the request names. */
export const ENVIRONMENT_SCOPED: readonly Permission[] = ['deploy', 'approve'];

/** `*` grants a role in every environment. */
export const ALL_ENVIRONMENTS = '*';

/**
 * Whether grants allow a permission; for an environment-scoped one, in `environment` (null when
 * the request names none it could be checked against: only an all-environments grant then
 * allows it).
 */
export function permits(
  grants: readonly Grant[],
  permission: Permission,
  environment: string | null,
): boolean {
  const scoped = ENVIRONMENT_SCOPED.includes(permission);
  return grants.some(
    (g) =>
      ROLE_PERMISSIONS[g.role].includes(permission) &&
      (!scoped || g.environment === ALL_ENVIRONMENTS || g.environment === environment),
  );
}

/**
 * Roles carried in a user's JWT as `app_metadata.rollgate_roles` (`["approver:production",
 * "viewer"]`): app_metadata is set only by the project's service side (Auth admin API), so a
 * signed token's copy is as trustworthy as a row of rollgate_grants. Malformed entries are ignored.
 */
export function grantsFromClaims(claims: Record<string, unknown>): Grant[] {
  const meta = claims.app_metadata;
  if (!meta || typeof meta !== 'object') return [];
  const list = (meta as Record<string, unknown>).rollgate_roles;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => {
    if (typeof entry !== 'string') return [];
    const [role, environment = ALL_ENVIRONMENTS] = entry.split(':');
    return (ROLLGATE_ROLES as readonly string[]).includes(role ?? '') && environment
      ? [{ role: role as RollgateRole, environment }]
      : [];
  });
}
