import type { Sql } from '../sql/client.ts';

/** The extensions a hosted Rollgate needs, and where Supabase's dashboard puts them. */
const NEEDED = [
  { name: 'pg_cron', create: 'create extension if not exists pg_cron with schema pg_catalog' },
  { name: 'pg_net', create: 'create extension if not exists pg_net with schema extensions' },
] as const;

export class SetupError extends Error {
  override name = 'SetupError';
}

/**
 * Enables pg_cron and pg_net (what Dashboard → Database → Extensions does), so the migrations
 * that follow find them. A server that has neither available gets one clear error.
 */
export async function enableExtensions(sql: Sql): Promise<string[]> {
  const enabled: string[] = [];
  for (const ext of NEEDED) {
    const [row] = await sql<{ installed: boolean; available: boolean }[]>`
      select exists (select 1 from pg_extension where extname = ${ext.name}) as installed,
             exists (select 1 from pg_available_extensions where name = ${ext.name}) as available`;
    if (row?.installed) continue;
    if (!row?.available) {
      throw new SetupError(
        `${ext.name} is not available on this server; on Supabase enable it under Database → Extensions`,
      );
    }
    await sql.unsafe('create schema if not exists extensions');
    await sql.unsafe(ext.create);
    enabled.push(ext.name);
  }
  return enabled;
}
