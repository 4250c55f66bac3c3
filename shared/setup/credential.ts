import type { Sql } from '../sql/client.ts';

const VAULT_NAME = 'rollgate_service_key';

/**
 * Stores where the functions answer and the key pg_cron and the audit webhook call them with,
 * where no ordinary database login can read it: Supabase Vault's encrypted secrets when Vault is
 * installed, else the owner-only table rollgate_private.settings. Idempotent (an update when
 * already stored). Returns where the key went.
 */
export async function storeCallTarget(
  sql: Sql,
  target: { functionsUrl: string; key: string },
): Promise<'vault' | 'table'> {
  await upsertSetting(sql, 'functions_url', target.functionsUrl.replace(/\/+$/, ''));
  const [vault] = await sql<{ ok: boolean }[]>`
    select to_regclass('vault.secrets') is not null as ok`;
  if (!vault?.ok) {
    await upsertSetting(sql, 'service_key', target.key);
    return 'table';
  }
  const [existing] = await sql.unsafe<{ id: string }[]>(
    'select id from vault.secrets where name = $1',
    [VAULT_NAME],
  );
  if (existing) await sql.unsafe('select vault.update_secret($1, $2)', [existing.id, target.key]);
  else await sql.unsafe('select vault.create_secret($1, $2)', [target.key, VAULT_NAME]);
  // A key stored in the table by an earlier set-up without Vault is no longer needed there.
  await sql`delete from rollgate_private.settings where name = 'service_key'`;
  return 'vault';
}

async function upsertSetting(sql: Sql, name: string, value: string) {
  await sql`
    insert into rollgate_private.settings (name, value) values (${name}, ${value})
    on conflict (name) do update set value = excluded.value, updated_at = now()`;
}

/** Whether the database can call the functions now (URL and key stored, pg_net present). */
export async function callTargetReady(sql: Sql): Promise<boolean> {
  const [row] = await sql<{ ok: boolean }[]>`
    select rollgate_private.configured() and rollgate_private.credential() is not null as ok`;
  return row?.ok === true;
}
