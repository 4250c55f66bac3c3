import type { Pool } from '../../shared/sql/client.ts';

/**
 * Rows and row versions of every public table and of the queue's (a job sent counts as a write): a count catches inserts and deletes, the highest
 * xmin catches updates (every UPDATE writes a new row version). Two equal snapshots mean nothing
 * was written in between. Partitions are counted through their parent.
 */
export async function rowSnapshot(sql: Pool): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }[]>`
    select format('%I.%I', n.nspname, c.relname) as name
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname in ('public', 'pgboss') and c.relkind in ('r', 'p')
       and not c.relispartition
     order by 1`;
  const union = tables
    .map(
      ({ name }) =>
        `select '${name}' as t, count(*) || '/' || coalesce(max(xmin::text::bigint), 0) as v from ${name}`,
    )
    .join(' union all ');
  const rows = await sql.unsafe<{ t: string; v: string }[]>(union);
  return Object.fromEntries(rows.map((r) => [r.t, r.v]));
}

/**
 * A snapshot once the queue's workers have nothing due (created, retry or active jobs whose time
 * has come): with workers running, a job finishing between two snapshots is not the request's
 * write. Waits at most 10 s.
 */
export async function settledSnapshot(sql: Pool): Promise<Record<string, string>> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [row] = await sql<{ due: number }[]>`
      select count(*)::int as due from pgboss.job
       where state in ('created', 'retry', 'active') and start_after <= now()`;
    if (!row?.due || Date.now() > deadline) return rowSnapshot(sql);
    await new Promise((r) => setTimeout(r, 100));
  }
}
