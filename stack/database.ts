import postgres from 'postgres';
import { redactUrl, type StackConfig, StackError } from './config.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

export interface StackDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when set (checked to answer), otherwise the embedded PostgreSQL 17. */
export async function openDatabase(config: StackConfig): Promise<StackDatabase> {
  if (config.databaseUrl) {
    await assertReachable(config.databaseUrl);
    return { url: config.databaseUrl, embedded: false, stop: async () => {} };
  }
  const pg = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedDbPort });
  return { url: pg.url, embedded: true, stop: pg.stop };
}

async function assertReachable(url: string): Promise<void> {
  let sql: postgres.Sql;
  try {
    sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  } catch (err) {
    throw new StackError(
      `DATABASE_URL is not a valid connection string: ${(err as Error).message}`,
    );
  }
  try {
    await sql`select 1`;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new StackError(
      `cannot reach DATABASE_URL ${redactUrl(url)}: ${e.code ?? ''} ${e.message}`.trim(),
    );
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}
