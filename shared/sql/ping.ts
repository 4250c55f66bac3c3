import type { Sql } from './client.ts';

export type PingResult = { status: 'available'; latency_ms: number } | { status: 'unavailable' };

/**
 * One round trip (`select 1`), given up after `timeoutMs`: a health check must answer quickly
 * even when the database does not, so the slow query is abandoned (its eventual error swallowed).
 */
export async function pingDatabase(sql: Sql, timeoutMs: number): Promise<PingResult> {
  const started = performance.now();
  const query = sql`select 1`.then(
    () => true,
    () => false,
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const answered = await Promise.race([query, timeout]);
  clearTimeout(timer);
  if (!answered) return { status: 'unavailable' };
  return { status: 'available', latency_ms: Math.round((performance.now() - started) * 100) / 100 };
}
