import type { Sql } from './client.ts';

export interface FeatureFlagRow {
  id: number;
  name: string;
  enabled: boolean;
  environment: string;
  rollout_percentage: number;
  user_criteria: unknown;
  created_at: Date;
  updated_at: Date;
}

export function upsertFlag(
  sql: Sql,
  f: {
    name: string;
    environment: string;
    enabled: boolean;
    rollout_percentage: number;
    user_criteria: unknown;
  },
) {
  return sql<FeatureFlagRow[]>`
    insert into public.feature_flags (name, environment, enabled, rollout_percentage, user_criteria)
    values (${f.name}, ${f.environment}, ${f.enabled}, ${f.rollout_percentage},
            ${f.user_criteria === null ? null : sql.json(f.user_criteria as never)})
    on conflict (name, environment) do update set
      enabled = excluded.enabled, rollout_percentage = excluded.rollout_percentage,
      user_criteria = excluded.user_criteria, updated_at = now()
    returning *`;
}

/** The feature_flag traffic provider: the canary's weight is the flag's rollout percentage. */
export function setFlagWeight(tx: Sql, name: string, environment: string, weight: number) {
  return tx<FeatureFlagRow[]>`
    insert into public.feature_flags (name, environment, enabled, rollout_percentage)
    values (${name}, ${environment}, ${weight > 0}, ${weight})
    on conflict (name, environment) do update set
      enabled = excluded.enabled, rollout_percentage = excluded.rollout_percentage, updated_at = now()
    returning *`;
}

export function selectFlags(sql: Sql, environment: string | undefined) {
  return sql<FeatureFlagRow[]>`
    select * from public.feature_flags
     ${environment === undefined ? sql`` : sql`where environment = ${environment}`}
     order by name, environment`;
}

export function selectFlag(sql: Sql, name: string, environment: string) {
  return sql<
    FeatureFlagRow[]
  >`select * from public.feature_flags where name = ${name} and environment = ${environment}`;
}
