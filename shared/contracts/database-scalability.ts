import { z } from 'zod';
import { LONG_QUERY_WARN_SECONDS } from '../checks/long-running-queries.ts';
import { lintConfigSchema } from '../migration-lint/config.ts';
import { listActions } from './common.ts';
import { contract } from './contract.ts';

/** 1 MiB of SQL: linted in well under a second (BENCHMARKS.md, "Migration lint"). */
export const MAX_SQL = 1_048_576;

export const migrationFilesSchema = z
  .array(z.object({ name: z.string().min(1).max(255), sql: z.string().max(MAX_SQL) }).strict())
  .min(1)
  .max(500)
  .refine((files) => files.reduce((n, f) => n + f.sql.length, 0) <= MAX_SQL, {
    message: `at most ${MAX_SQL} characters of SQL in all`,
  });

export const bloat = contract({
  name: 'bloat',
  summary: 'Dead-tuple share per table; warns from 20 %, fails from 50 %.',
  access: 'view',
  input: {},
  response: z.unknown(),
});

export const blockingLocks = contract({
  name: 'blocking_locks',
  summary: 'Sessions blocked by another session’s lock (the runbook’s query); any fails.',
  access: 'view',
  input: {},
  response: z.unknown(),
});

export const cacheHitRatio = contract({
  name: 'cache_hit_ratio',
  summary: 'Share of table and index blocks served from memory; warns below 99 %.',
  access: 'view',
  input: {},
  response: z.unknown(),
});

export const connections = contract({
  name: 'connections',
  summary: 'Client connections against max_connections; warns from 80 %, fails from 95 %.',
  access: 'view',
  input: {},
  response: z.unknown(),
});

export const healthCheck = contract({
  name: 'health_check',
  summary: 'Liveness of this function and the database round-trip time; no authentication.',
  access: 'public',
  input: {},
  response: z.unknown(),
});

export const indexHealth = contract({
  name: 'index_health',
  summary: 'Invalid, duplicate (covered by another) and unused indexes; warns on any.',
  access: 'view',
  input: {},
  response: z.unknown(),
});

export const lintMigration = contract({
  name: 'lint_migration',
  summary: 'Migration safety on PostgreSQL’s own parser: findings with line, column and rule.',
  access: 'view',
  input: {
    sql: z.string().min(1).max(MAX_SQL).optional(),
    files: migrationFilesSchema.optional(),
    migrations: z.literal('applied').optional(),
    config: lintConfigSchema.optional(),
    live: z.boolean().default(true),
  },
  response: z.unknown(),
});

export const longRunningQueries = contract({
  name: 'long_running_queries',
  summary: 'Statements and transactions open longer than 60 s (warn) or 5 min (fail).',
  // Statement texts are internals: service_role only (issue 12, finding 4).
  access: 'admin',
  input: {
    min_seconds: z.number().positive().max(86_400).default(LONG_QUERY_WARN_SECONDS),
  },
  response: z.unknown(),
});

export const preDeploymentCheck = contract({
  name: 'pre_deployment_check',
  summary: 'Runs every database check (and lints the pending migrations sent); one verdict.',
  access: 'view',
  input: {
    migration_sql: z.string().min(1).max(MAX_SQL).optional(),
    migrations: migrationFilesSchema.optional(),
    lint_config: lintConfigSchema.optional(),
  },
  response: z.unknown(),
});

export const queryOutliers = contract({
  name: 'query_outliers',
  summary: 'Heaviest and slowest statements from pg_stat_statements, where installed.',
  // Statement texts are internals: service_role only (issue 12, finding 4).
  access: 'admin',
  input: {},
  response: z.unknown(),
});

export const tableSizes = contract({
  name: 'table_sizes',
  summary: 'Public tables by total size, largest first (the runbook’s query); warns from 10 GiB.',
  access: 'view',
  input: { limit: z.number().int().min(1).max(1000).default(50) },
  response: z.unknown(),
});

export const unvalidatedConstraints = contract({
  name: 'unvalidated_constraints',
  summary: 'CHECK and FOREIGN KEY constraints added NOT VALID and never validated.',
  access: 'view',
  input: {},
  response: z.unknown(),
});

export const vacuumHealth = contract({
  name: 'vacuum_health',
  summary: 'Transaction-ID wraparound distance and autovacuum falling behind.',
  access: 'view',
  input: {},
  response: z.unknown(),
});

/** Every action of `database-scalability`, in the order list_actions answers them. */
export const contracts = [
  healthCheck,
  blockingLocks,
  tableSizes,
  unvalidatedConstraints,
  cacheHitRatio,
  indexHealth,
  longRunningQueries,
  connections,
  bloat,
  vacuumHealth,
  queryOutliers,
  preDeploymentCheck,
  lintMigration,
  listActions,
] as const;
