import { z } from 'zod';
import { LONG_QUERY_WARN_SECONDS } from '../checks/long-running-queries.ts';
import { lintConfigSchema } from '../migration-lint/config.ts';
import { RULE_IDS } from '../migration-lint/rules.ts';
import { listActions } from './common.ts';
import { contract } from './contract.ts';
import { timestamp } from './fields.ts';

const checkStatusSchema = z.enum(['pass', 'warn', 'fail']);

/** Every check's grade, value and threshold. */
const graded = {
  status: checkStatusSchema,
  value: z.number().nullable(),
  threshold: z.number().nullable(),
};

/**
 * What a database check answers: its grade, value and threshold with its own details, or a fail
 * with `lock_not_available` when a table lock outlasted the check's lock timeout.
 */
function checkResponse<Details extends z.ZodType>(details: Details) {
  return z.union([
    z.object({
      ...graded,
      details: z.object({ error: z.literal('lock_not_available'), message: z.string() }),
    }),
    z.object({ ...graded, details }),
  ]);
}

/** 1 MiB of SQL: linted in well under a second (BENCHMARKS.md, "Migration lint"). */
export const MAX_SQL = 1_048_576;

export const migrationFilesSchema = z
  .array(z.object({ name: z.string().min(1).max(255), sql: z.string().max(MAX_SQL) }).strict())
  .min(1)
  .max(500)
  .refine((files) => files.reduce((n, f) => n + f.sql.length, 0) <= MAX_SQL, {
    message: `at most ${MAX_SQL} characters of SQL in all`,
  });

/** One rule broken at one place of one migration (shared/migration-lint/finding.ts). */
const lintFindingSchema = z.object({
  /** The migration file, when linting files; absent for SQL passed inline. */
  file: z.string().optional(),
  line: z.number(),
  column: z.number(),
  rule: z.enum(RULE_IDS),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  lock: z.string().nullable(),
  safe_alternative: z.string(),
  statement: z.string(),
  table: z.string().optional(),
  column_name: z.string().optional(),
  index: z.string().optional(),
  live: z
    .object({
      table_bytes: z.number(),
      rows: z.number(),
      indexes: z.number(),
      index_bytes: z.number(),
    })
    .optional(),
  function: z.string().optional(),
});

/** What lint_migration answers, and pre_deployment_check's `migration_lint` check. */
const lintResultSchema = z.object({
  status: checkStatusSchema,
  value: z.number(),
  threshold: z.number(),
  details: z.object({
    files: z.array(z.string()),
    statements: z.number(),
    findings: z.array(lintFindingSchema),
  }),
});

export const bloat = contract({
  name: 'bloat',
  summary: 'Dead-tuple share per table; warns from 20 %, fails from 50 %.',
  access: 'view',
  input: {},
  response: checkResponse(
    z.object({
      method: z.literal('dead_tuples'),
      tables: z.array(
        z.object({
          schemaname: z.string(),
          table_name: z.string(),
          live_tuples: z.number(),
          dead_tuples: z.number(),
          dead_percent: z.number(),
        }),
      ),
    }),
  ),
});

export const blockingLocks = contract({
  name: 'blocking_locks',
  summary: 'Sessions blocked by another session’s lock (the runbook’s query); any fails.',
  access: 'view',
  input: {},
  response: checkResponse(
    z.object({
      blocked: z.array(
        z.object({
          blocked_pid: z.number(),
          blocked_user: z.string(),
          blocking_pid: z.number(),
          blocking_user: z.string(),
          blocked_statement: z.string(),
          blocking_statement: z.string(),
          blocked_seconds: z.number(),
        }),
      ),
    }),
  ),
});

export const cacheHitRatio = contract({
  name: 'cache_hit_ratio',
  summary: 'Share of table and index blocks served from memory; warns below 99 %.',
  access: 'view',
  input: {},
  response: checkResponse(
    z.object({
      table_hit_percent: z.number().nullable(),
      index_hit_percent: z.number().nullable(),
      blocks: z.object({
        table_hits: z.number(),
        table_reads: z.number(),
        index_hits: z.number(),
        index_reads: z.number(),
      }),
    }),
  ),
});

export const connections = contract({
  name: 'connections',
  summary: 'Client connections against max_connections; warns from 80 %, fails from 95 %.',
  access: 'view',
  input: {},
  response: checkResponse(
    z.object({
      used: z.number(),
      max_connections: z.number(),
      reserved: z.number(),
      active: z.number(),
      idle: z.number(),
      idle_in_transaction: z.number(),
    }),
  ),
});

export const healthCheck = contract({
  name: 'health_check',
  summary: 'Liveness of this function and the database round-trip time; no authentication.',
  access: 'public',
  input: {},
  response: z.object({
    status: z.enum(['healthy', 'degraded']),
    function: z.string(),
    timestamp: timestamp,
    uptime_seconds: z.number(),
    database: z.union([
      z.object({
        status: z.literal('available'),
        latency_ms: z.number(),
      }),
      z.object({
        status: z.literal('unavailable'),
      }),
    ]),
  }),
});

export const indexHealth = contract({
  name: 'index_health',
  summary: 'Invalid, duplicate (covered by another) and unused indexes; warns on any.',
  access: 'view',
  input: {},
  response: checkResponse(
    z.object({
      invalid: z.array(
        z.object({
          schemaname: z.string(),
          table_name: z.string(),
          index_name: z.string(),
          size_bytes: z.number(),
        }),
      ),
      duplicate: z.array(
        z.object({
          covered_by: z.array(z.string()),
          schemaname: z.string(),
          table_name: z.string(),
          index_name: z.string(),
          size_bytes: z.number(),
        }),
      ),
      unused: z.array(
        z.object({
          schemaname: z.string(),
          table_name: z.string(),
          index_name: z.string(),
          size_bytes: z.number(),
        }),
      ),
      unused_min_bytes: z.number(),
    }),
  ),
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
  response: lintResultSchema,
});

export const longRunningQueries = contract({
  name: 'long_running_queries',
  summary: 'Statements and transactions open longer than 60 s (warn) or 5 min (fail).',
  // Statement texts are internals: service_role only (issue 12, finding 4).
  access: 'admin',
  input: {
    min_seconds: z.number().positive().max(86_400).default(LONG_QUERY_WARN_SECONDS),
  },
  response: checkResponse(
    z.object({
      queries: z.array(
        z.object({
          pid: z.number(),
          user: z.string().nullable(),
          application_name: z.string(),
          state: z.string(),
          wait_event_type: z.string().nullable(),
          seconds: z.number(),
          query: z.string(),
        }),
      ),
      fail_after_seconds: z.number(),
    }),
  ),
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
  response: z.object({
    checked_at: timestamp,
    duration_ms: z.number(),
    checks: z.object({ migration_lint: lintResultSchema.optional() }).catchall(
      z.object({
        status: checkStatusSchema,
        value: z.number().nullable(),
        threshold: z.number().nullable(),
        details: z.unknown(),
      }),
    ),
    verdict: checkStatusSchema,
    failed: z.array(z.string()),
    warnings: z.array(z.string()),
  }),
});

/** One pg_stat_statements entry as query_outliers answers it (texts redacted). */
const queryStatSchema = z.object({
  queryid: z.string(),
  query: z.string(),
  calls: z.number(),
  total_ms: z.number(),
  mean_ms: z.number(),
  share_percent: z.number().nullable(),
});

export const queryOutliers = contract({
  name: 'query_outliers',
  summary: 'Heaviest and slowest statements from pg_stat_statements, where installed.',
  // Statement texts are internals: service_role only (issue 12, finding 4).
  access: 'admin',
  input: {},
  response: checkResponse(
    z.union([
      z.object({
        available: z.literal(true),
        outliers: z.array(queryStatSchema),
        top: z.array(queryStatSchema),
      }),
      z.object({
        available: z.literal(false),
        reason: z.string(),
      }),
    ]),
  ),
});

export const tableSizes = contract({
  name: 'table_sizes',
  summary: 'Public tables by total size, largest first (the runbook’s query); warns from 10 GiB.',
  access: 'view',
  input: { limit: z.number().int().min(1).max(1000).default(50) },
  response: checkResponse(
    z.object({
      tables: z.array(
        z.object({
          schemaname: z.string(),
          tablename: z.string(),
          size: z.string(),
          size_bytes: z.number(),
        }),
      ),
    }),
  ),
});

export const unvalidatedConstraints = contract({
  name: 'unvalidated_constraints',
  summary: 'CHECK and FOREIGN KEY constraints added NOT VALID and never validated.',
  access: 'view',
  input: {},
  response: checkResponse(
    z.object({
      constraints: z.array(
        z.object({
          conname: z.string(),
          table_name: z.string(),
          contype: z.string(),
        }),
      ),
    }),
  ),
});

export const vacuumHealth = contract({
  name: 'vacuum_health',
  summary: 'Transaction-ID wraparound distance and autovacuum falling behind.',
  access: 'view',
  input: {},
  response: checkResponse(
    z.object({
      transaction_id_age: z.number(),
      wraparound_limit: z.number(),
      freeze_max_age: z.number(),
      autovacuum_enabled: z.boolean(),
      tables_behind: z.array(
        z.object({
          schemaname: z.string(),
          table_name: z.string(),
          live_tuples: z.number(),
          dead_tuples: z.number(),
          last_vacuum: timestamp.nullable(),
          last_autovacuum: timestamp.nullable(),
          past_autovacuum_threshold: z.boolean(),
        }),
      ),
    }),
  ),
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
