import { z } from 'zod';
import { AppError } from '../../../../shared/app-error.ts';
import { runPreDeploymentCheck } from '../../../../shared/checks/pre-deployment.ts';
import { defineAction } from '../../_shared/action.ts';
import { readProjectMigrations } from '../migration-files.ts';

/** Every database check plus, optionally, the lint of what is about to be migrated: one verdict. */
export const preDeploymentCheck = defineAction({
  name: 'pre_deployment_check',
  summary: 'Runs every database check (and lints pending migrations if asked); one verdict.',
  access: ['authenticated'],
  input: {
    migration_sql: z.string().min(1).max(500_000).optional(),
    lint_pending_migrations: z.boolean().default(false),
  },
  async handler({ migration_sql, lint_pending_migrations }, { sql }) {
    if (migration_sql !== undefined && lint_pending_migrations) {
      throw new AppError(
        400,
        'validation_failed',
        'give migration_sql or lint_pending_migrations, not both',
        {
          details: {
            issues: [{ path: 'migration_sql', message: 'not with lint_pending_migrations' }],
          },
        },
      );
    }
    const migrations = lint_pending_migrations
      ? await readProjectMigrations(sql, 'pending')
      : undefined;
    return runPreDeploymentCheck(sql, {
      ...(migrations ? { migrations } : {}),
      ...(migration_sql !== undefined ? { migrationSql: migration_sql } : {}),
    });
  },
});
