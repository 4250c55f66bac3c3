import { AppError } from '../app-error.ts';
import { thresholdOverrides } from '../judge/analysis-spec.ts';
import type { AnalysisSpec } from '../model/analysis-spec.ts';
import type { Thresholds } from '../model/thresholds.ts';
import type { Sql } from '../sql/client.ts';
import { type EnvironmentRow, selectEnvironment } from '../sql/environments.ts';
import { DEFAULT_THRESHOLDS } from './types.ts';

export interface Environment extends Omit<EnvironmentRow, 'thresholds'> {
  thresholds: Thresholds;
}

export async function loadEnvironment(sql: Sql, name: string): Promise<Environment> {
  const [row] = await selectEnvironment(sql, name);
  if (!row)
    throw new AppError(422, 'unknown_environment', `environment "${name}" is not configured`);
  return { ...row, thresholds: { ...DEFAULT_THRESHOLDS, ...row.thresholds } };
}

/** The settings a deployment is judged by: its environment's, overridden by its analysis spec. */
export function settingsFor(env: Environment, spec: AnalysisSpec | null): Thresholds {
  return { ...env.thresholds, ...thresholdOverrides(spec) };
}
