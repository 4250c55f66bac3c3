import type { Sql } from './client.ts';

export type IngestScope = 'telemetry' | 'errors';

export interface IngestKeyRow {
  name: string;
  scope: IngestScope;
  environment: string;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
}

/** Null when the name is taken. */
export async function insertIngestKey(
  sql: Sql,
  k: { name: string; keyHash: string; scope: IngestScope; environment: string; createdBy: string },
): Promise<IngestKeyRow | null> {
  const [row] = await sql<IngestKeyRow[]>`
    insert into rollgate_ingest_keys (name, key_hash, scope, environment, created_by)
    values (${k.name}, ${k.keyHash}, ${k.scope}, ${k.environment}, ${k.createdBy})
    on conflict (name) do nothing
    returning name, scope, environment, created_by, created_at, revoked_at`;
  return row ?? null;
}

/**
 * Makes `name` the key with this hash, created if missing: for a key its owner generates itself
 * (the local stack's, kept in its data dir), so a start is idempotent and a regenerated key file
 * takes over its name. A revoked key stays revoked.
 */
export async function registerIngestKey(
  sql: Sql,
  k: { name: string; keyHash: string; scope: IngestScope; environment: string; createdBy: string },
): Promise<void> {
  await sql`
    insert into rollgate_ingest_keys as k (name, key_hash, scope, environment, created_by)
    values (${k.name}, ${k.keyHash}, ${k.scope}, ${k.environment}, ${k.createdBy})
    on conflict (name) do update set key_hash = excluded.key_hash
     where k.key_hash <> excluded.key_hash and k.revoked_at is null`;
}

export function listIngestKeys(sql: Sql): Promise<IngestKeyRow[]> {
  return sql<IngestKeyRow[]>`
    select name, scope, environment, created_by, created_at, revoked_at
      from rollgate_ingest_keys order by name`;
}

export async function revokeIngestKey(sql: Sql, name: string): Promise<boolean> {
  const rows = await sql`
    update rollgate_ingest_keys set revoked_at = now()
     where name = ${name} and revoked_at is null returning name`;
  return rows.length === 1;
}

export async function activeIngestKey(
  sql: Sql,
  keyHash: string,
): Promise<Pick<IngestKeyRow, 'name' | 'scope' | 'environment'> | null> {
  const [row] = await sql<Pick<IngestKeyRow, 'name' | 'scope' | 'environment'>[]>`
    select name, scope, environment from rollgate_ingest_keys
     where key_hash = ${keyHash} and revoked_at is null`;
  return row ?? null;
}
