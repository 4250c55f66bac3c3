import postgres from 'postgres';

export type Sql = postgres.Sql;
export type TransactionSql = postgres.TransactionSql;

/**
 * One connection pool per function instance. `prepare: false` because hosted Supabase puts
 * functions behind the transaction pooler, where named prepared statements do not survive.
 */
export function createSql(url: string, options: { max?: number } = {}): Sql {
  return postgres(url, {
    prepare: false,
    max: options.max ?? 5,
    idle_timeout: 30,
    connect_timeout: 5,
    onnotice: () => {},
    connection: { application_name: 'rollgate' },
  });
}
