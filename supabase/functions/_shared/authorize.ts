import {
  ALL_ENVIRONMENTS,
  ANON_PERMISSIONS,
  ENVIRONMENT_SCOPED,
  grantsFromClaims,
  PERSON_ONLY,
  type Permission,
  permits,
} from '../../../shared/access/permissions.ts';
import { AppError } from '../../../shared/app-error.ts';
import type { Pool } from '../../../shared/sql/client.ts';
import { environmentOfDeployment, grantsOf } from '../../../shared/sql/grants.ts';
import type { Access, Caller } from './action.ts';

/**
 * Whether a verified caller may call an action. Service callers (secret keys) may do anything;
 * anon only reads; a user needs a Rollgate role (granted in rollgate_grants, or carried in the
 * JWT's app_metadata.rollgate_roles), and for deploy and
 * approve one that covers the environment the request names (`environment`, or the
 * environment of its `deployment_id`). Checked before the body's schema, so a refused caller
 * learns nothing about the action's input.
 */
export async function authorize(
  sql: Pool,
  caller: Caller,
  access: Exclude<Access, 'public'>,
  body: Record<string, unknown>,
  actionName: string,
): Promise<void> {
  // Four-eyes means a second person: no key, however powerful, approves a rollout.
  if (PERSON_ONLY.includes(access) && caller.role !== 'authenticated') {
    throw new AppError(403, 'forbidden', `${actionName} needs a person's session, not a key`, {
      details: { required: access, reason: 'a human identity (a Supabase Auth session) approves' },
    });
  }
  if (caller.role === 'service_role') return;
  const refuse = (details: Record<string, unknown>) =>
    new AppError(403, 'forbidden', `${caller.label} may not call ${actionName}`, {
      details: { required: access, ...details },
    });
  if (caller.ingest) return authorizeIngest(caller.ingest, access, body, actionName, refuse);
  if (access === 'service') throw refuse({ reason: 'machine callers only (a secret key)' });
  if (caller.role === 'anon') {
    if (ANON_PERMISSIONS.includes(access)) return;
    throw refuse({ reason: 'the publishable (anon) key only reads' });
  }
  const grants = [...grantsFromClaims(caller.claims), ...(await grantsOf(sql, caller.identity))];
  // Kept on the caller: what a handler shows may depend on them (deployment-view.ts).
  caller.grants = grants;
  // What the publishable key may do, every verified caller may do.
  if (ANON_PERMISSIONS.includes(access)) return;
  const environment = await environmentOf(sql, access, body);
  if (!permits(grants, access, environment)) {
    throw refuse({
      reason: 'no Rollgate role of this user allows it',
      ...(environment ? { environment } : {}),
    });
  }
}

async function environmentOf(
  sql: Pool,
  access: Permission,
  body: Record<string, unknown>,
): Promise<string | null> {
  if (!ENVIRONMENT_SCOPED.includes(access)) return null;
  if (typeof body.environment === 'string') return body.environment;
  if (typeof body.deployment_id === 'string' && body.deployment_id.length <= 255)
    return environmentOfDeployment(sql, body.deployment_id);
  return null;
}

/** Error events only: what a browser may hold. Request samples feed the judge's error rate. */
const ERROR_ACTIONS = ['track_error', 'track_errors'];

/**
 * An ingest key sends telemetry (or, scoped to errors, only error events) and nothing more, and
 * only for its environment: every `environment` the body names must be it.
 */
function authorizeIngest(
  key: NonNullable<Caller['ingest']>,
  access: Permission,
  body: Record<string, unknown>,
  actionName: string,
  refuse: (details: Record<string, unknown>) => AppError,
): void {
  if (access !== 'ingest') throw refuse({ reason: 'an ingest key only sends telemetry' });
  if (key.scope === 'errors' && !ERROR_ACTIONS.includes(actionName))
    throw refuse({ reason: 'this ingest key only sends error events' });
  if (key.environment === ALL_ENVIRONMENTS) return;
  const named = environmentsNamed(body);
  const other = named.findIndex((e) => e !== key.environment);
  if (other >= 0 || named.length === 0)
    throw refuse({
      reason: `this ingest key only sends for ${key.environment}`,
      environment: other >= 0 ? (named[other] ?? null) : null,
    });
}

/**
 * Every `environment` in a telemetry body: top level and of each item of its lists (requests,
 * events). An item naming none counts as `undefined`, so it is refused: ingest would fill in its
 * deployment's environment, which for an environment-scoped key must not be another one.
 */
function environmentsNamed(body: Record<string, unknown>): unknown[] {
  const found: unknown[] = [];
  if ('environment' in body) found.push(body.environment);
  for (const list of Object.values(body)) {
    if (!Array.isArray(list)) continue;
    for (const item of list)
      if (item && typeof item === 'object')
        found.push((item as Record<string, unknown>).environment);
  }
  return found;
}
