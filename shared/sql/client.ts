import type postgres from 'postgres';

/** A postgres.js client (pool or transaction): every named statement takes one. */
export type Sql = postgres.Sql | postgres.TransactionSql;
