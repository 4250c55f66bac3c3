import type postgres from 'postgres';

/** A postgres.js client (pool or transaction): every named statement takes one. */
export type Sql = postgres.Sql | postgres.TransactionSql;

/** A pool that can open transactions (`sql.begin`). */
export type Pool = postgres.Sql;

/** Runs inside an ingest transaction after telemetry is written (e.g. the canary judge). */
export type TelemetryHook = (tx: Sql, touched: { deploymentIds: string[] }) => Promise<void>;
