import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-error.ts';
import { initialTransition, transition } from '../../shared/rollout/state-machine.ts';
import type { RolloutState } from '../../shared/rollout/types.ts';

const steps = [
  { weight: 25, pause_seconds: 300 },
  { weight: 50, pause_seconds: 300 },
  { weight: 100, pause_seconds: 0 },
];
const at = (
  status: RolloutState['status'],
  current_step = 0,
  current_weight = 25,
): RolloutState => ({ status, current_step, current_weight, steps });

describe('the rollout state machine', () => {
  it('starts waiting for approval, or in its first step', () => {
    expect(initialTransition({ steps, current_step: 0, current_weight: 0 }, true)).toMatchObject({
      status: 'pending_approval',
      current_weight: 0,
      armStep: false,
    });
    expect(initialTransition({ steps, current_step: 0, current_weight: 0 }, false)).toMatchObject({
      status: 'progressing',
      current_weight: 25,
      armStep: true,
      event: 'started',
    });
  });

  it('completes a single-step (direct) rollout at once', () => {
    expect(
      initialTransition(
        { steps: [{ weight: 100, pause_seconds: 0 }], current_step: 0, current_weight: 0 },
        false,
      ),
    ).toMatchObject({
      status: 'succeeded',
      current_weight: 100,
      terminal: true,
      event: 'succeeded',
    });
  });

  it('advances step by step and succeeds on entering the last', () => {
    expect(transition(at('pending_approval', 0, 0), { type: 'approve' })).toMatchObject({
      status: 'progressing',
      current_step: 0,
      current_weight: 25,
    });
    expect(transition(at('progressing'), { type: 'advance' })).toMatchObject({
      status: 'progressing',
      current_step: 1,
      current_weight: 50,
      armStep: true,
    });
    expect(transition(at('progressing', 1, 50), { type: 'advance' })).toMatchObject({
      status: 'succeeded',
      current_step: 2,
      current_weight: 100,
      terminal: true,
    });
  });

  it('promotes one step, or fully', () => {
    expect(transition(at('paused'), { type: 'promote', full: false })).toMatchObject({
      status: 'progressing',
      current_step: 1,
    });
    expect(transition(at('progressing'), { type: 'promote', full: true })).toMatchObject({
      status: 'succeeded',
      current_weight: 100,
    });
  });

  it('pauses and resumes without changing the weight; resume re-arms the step', () => {
    expect(transition(at('progressing'), { type: 'pause' })).toMatchObject({
      status: 'paused',
      current_weight: 25,
      armStep: false,
    });
    expect(transition(at('paused'), { type: 'resume' })).toMatchObject({
      status: 'progressing',
      current_weight: 25,
      armStep: true,
    });
  });

  it('rolls back to weight 0 from any non-terminal state and after success', () => {
    for (const status of ['pending_approval', 'progressing', 'paused', 'succeeded'] as const) {
      expect(transition(at(status), { type: 'rollback' })).toMatchObject({
        status: 'rolled_back',
        current_weight: 0,
        terminal: true,
      });
    }
  });

  it('refuses illegal transitions with a 409 naming the state found', () => {
    for (const [status, type] of [
      ['progressing', 'approve'],
      ['paused', 'pause'],
      ['progressing', 'resume'],
      ['rolled_back', 'rollback'],
      ['failed', 'resume'],
      ['succeeded', 'advance'],
    ] as const) {
      try {
        transition(at(status), { type } as never);
        expect.unreachable(`${type} from ${status}`);
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).status).toBe(409);
        expect((err as AppError).details).toMatchObject({ status });
      }
    }
  });
});
