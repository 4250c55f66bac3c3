import { runPreDeploymentCheck } from '../../../../shared/checks/pre-deployment.ts';
import * as contracts from '../../../../shared/contracts/database-scalability.ts';
import { selectAppliedMigrationVersions } from '../../../../shared/sql/applied-migrations.ts';
import { defineAction } from '../../_shared/action.ts';
import { optionsOf, pendingOnly } from '../lint-input.ts';

/**
 * Every database check plus, optionally, the lint of what is about to be migrated: one verdict.
 * `migrations` are the project's migration files (the CLI sends them); those this database
 * already applied are skipped, the rest are linted as one batch against the live catalog.
 */
export const preDeploymentCheck = defineAction(
  contracts.preDeploymentCheck,
  async ({ migration_sql, migrations, lint_config }, { sql }) => {
    const options = optionsOf(lint_config);
    if (migrations) {
      const pending = pendingOnly(migrations, await selectAppliedMigrationVersions(sql));
      return runPreDeploymentCheck(sql, { migrations: pending, lintOptions: options });
    }
    return runPreDeploymentCheck(sql, {
      ...(migration_sql !== undefined ? { migrationSql: migration_sql } : {}),
      lintOptions: options,
    });
  },
);
