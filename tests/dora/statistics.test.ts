import { describe, expect, it } from 'vitest';
import { deliveryStatistics } from '../../shared/dora/statistics.ts';
import type { DeploymentFacts } from '../../shared/model/deployment-facts.ts';

const WINDOW = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-08T00:00:00Z') };

function deployment(
  id: string,
  status: string,
  started: string,
  completed: string | null,
  extra: Partial<DeploymentFacts> = {},
): DeploymentFacts {
  return {
    deployment_id: id,
    status,
    strategy: 'canary',
    started_at: new Date(started),
    completed_at: completed ? new Date(completed) : null,
    commit_time: null,
    recovered_at: null,
    ...extra,
  };
}

describe('delivery statistics (pure)', () => {
  it('answers numbers, 0 and insufficient_data for an empty window, with no tiers but frequency', () => {
    const s = deliveryStatistics([], WINDOW);
    expect(s).toMatchObject({
      production_deployments: 0,
      rollbacks: 0,
      success_rate: 0,
      avg_deployment_time: 0,
      insufficient_data: true,
      success_rate_target: { goal: '> 95 %', met: null },
    });
    expect(s.dora.deployment_frequency).toEqual({
      per_day: 0,
      deployments: 0,
      tier: 'low',
      target: { goal: 'daily', met: false },
    });
    expect(s.dora.lead_time_for_changes.tier).toBeNull();
    expect(s.dora.change_failure_rate).toMatchObject({ percent: 0, tier: null });
    expect(s.dora.failed_deployment_recovery_time).toMatchObject({ recoveries: 0, tier: null });
  });

  it('counts a deployment that completed after the window’s end as in progress', () => {
    const s = deliveryStatistics(
      [
        deployment('a', 'succeeded', '2026-03-07T23:50:00Z', '2026-03-08T00:10:00Z'),
        deployment('b', 'rolled_back', '2026-03-07T22:00:00Z', '2026-03-08T01:00:00Z'),
      ],
      WINDOW,
    );
    expect(s).toMatchObject({
      production_deployments: 2,
      succeeded: 0,
      rollbacks: 0,
      in_progress: 2,
      insufficient_data: true,
    });
  });

  it('rates seven daily successes elite and on target; judges recovery on the mean for the target', () => {
    const days = [1, 2, 3, 4, 5, 6, 7].map((day) =>
      deployment(`d${day}`, 'succeeded', `2026-03-0${day}T10:00:00Z`, `2026-03-0${day}T10:12:00Z`, {
        commit_time: new Date(`2026-03-0${day}T09:00:00Z`),
      }),
    );
    const failure = deployment('f', 'failed', '2026-03-01T09:00:00Z', '2026-03-01T09:50:00Z', {
      recovered_at: new Date('2026-03-01T10:12:00Z'),
    });
    const s = deliveryStatistics([...days, failure], WINDOW);
    expect(s.avg_deployment_time).toBe(12);
    expect(s.success_rate).toBe(87.5);
    expect(s.dora.deployment_frequency).toMatchObject({ per_day: 1, tier: 'elite' });
    expect(s.dora.deployment_frequency.target.met).toBe(true);
    expect(s.dora.lead_time_for_changes).toMatchObject({
      median_hours: 1.2,
      samples: 7,
      tier: 'elite',
      target: { met: true },
    });
    expect(s.dora.change_failure_rate).toMatchObject({ percent: 12.5, tier: 'elite' });
    expect(s.dora.failed_deployment_recovery_time).toMatchObject({
      median_minutes: 22,
      mean_minutes: 22,
      tier: 'elite',
      target: { goal: '< 10 min', met: false },
    });
  });
});
