import * as contracts from '../../../../shared/contracts/database-scalability.ts';
import { pingDatabase } from '../../../../shared/sql/ping.ts';
import { defineAction } from '../../_shared/action.ts';

/** The probe gives up on the database after this long, so the health check still answers. */
export const DATABASE_PING_TIMEOUT_MS = 2000;

const startedAt = Date.now();

/**
 * The common liveness probe plus one database round trip. Public, like every health_check: the
 * procedure scripts call it bare. A database that does not answer makes the function `degraded`
 * (still HTTP 200: the function itself is alive) and says nothing about why.
 */
export function databaseHealthCheck(functionName: string) {
  return defineAction(contracts.healthCheck, async (_input, { sql }) => {
    const database = await pingDatabase(sql, DATABASE_PING_TIMEOUT_MS);
    return {
      status: database.status === 'available' ? ('healthy' as const) : ('degraded' as const),
      function: functionName,
      timestamp: new Date().toISOString(),
      uptime_seconds: Math.round((Date.now() - startedAt) / 1000),
      database,
    };
  });
}
