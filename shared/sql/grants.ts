import type { Grant, RollgateRole } from '../model/grant.ts';
import type { Sql } from './client.ts';

export interface GrantRow extends Grant {
  subject: string;
  granted_by: string;
  granted_at: Date;
}

export function grantsOf(sql: Sql, subject: string): Promise<Grant[]> {
  return sql<Grant[]>`
    select role, environment from rollgate_grants where subject = ${subject}`;
}

export function listGrants(sql: Sql): Promise<GrantRow[]> {
  return sql<GrantRow[]>`
    select subject, role, environment, granted_by, granted_at
      from rollgate_grants order by subject, environment, role`;
}

/** Idempotent: granting a role that is already held changes nothing. */
export async function insertGrant(
  sql: Sql,
  g: { subject: string; role: RollgateRole; environment: string; grantedBy: string },
): Promise<boolean> {
  const rows = await sql`
    insert into rollgate_grants (subject, role, environment, granted_by)
    values (${g.subject}, ${g.role}, ${g.environment}, ${g.grantedBy})
    on conflict do nothing returning subject`;
  return rows.length === 1;
}

export async function deleteGrant(
  sql: Sql,
  g: { subject: string; role: RollgateRole; environment: string },
): Promise<boolean> {
  const rows = await sql`
    delete from rollgate_grants
     where subject = ${g.subject} and role = ${g.role} and environment = ${g.environment}
    returning subject`;
  return rows.length === 1;
}

/** The environment a deployment runs in, for checking an environment-scoped grant. */
export async function environmentOfDeployment(sql: Sql, id: string): Promise<string | null> {
  const [row] = await sql<{ environment: string }[]>`
    select environment from deployments where deployment_id = ${id}`;
  return row?.environment ?? null;
}
