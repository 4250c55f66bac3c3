import { AppError } from '../app-error.ts';
import type { Status } from '../model/deployment-status.ts';
import type { RolloutState } from './types.ts';

export type Command =
  | { type: 'approve' }
  | { type: 'advance' }
  | { type: 'promote'; full: boolean }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'rollback' }
  | { type: 'fail' };

/** What a command changes; `event` names the audit row it writes. */
export interface Transition {
  status: Status;
  current_step: number;
  current_weight: number;
  event: string;
  /** The rollout entered a new step whose pause must be waited out (arm a step timer). */
  armStep: boolean;
  terminal: boolean;
}

const FROM: Record<Command['type'], readonly Status[]> = {
  approve: ['pending_approval'],
  advance: ['progressing'],
  promote: ['progressing', 'paused'],
  pause: ['progressing'],
  resume: ['paused'],
  rollback: ['pending_approval', 'progressing', 'paused', 'succeeded'],
  fail: ['pending_approval', 'progressing', 'paused'],
};

/**
 * The rollout state machine, with no I/O. Entering step i sets its weight; entering the last
 * step completes the rollout. An illegal command is a 409 naming the state found.
 */
export function transition(state: RolloutState, command: Command): Transition {
  if (!FROM[command.type].includes(state.status)) {
    throw new AppError(
      409,
      'illegal_transition',
      `cannot ${command.type} a deployment that is ${state.status}`,
      {
        details: {
          status: state.status,
          current_step: state.current_step,
          allowed_from: FROM[command.type],
        },
      },
    );
  }
  switch (command.type) {
    case 'approve':
      return enterStep(state, 0, 'approved');
    case 'advance':
      return enterStep(state, state.current_step + 1, 'step_advanced');
    case 'promote':
      return enterStep(
        state,
        command.full ? state.steps.length - 1 : state.current_step + 1,
        'promoted',
      );
    case 'pause':
      return { ...keep(state), status: 'paused', event: 'paused' };
    case 'resume':
      return { ...keep(state), status: 'progressing', event: 'resumed', armStep: true };
    case 'rollback':
      return {
        status: 'rolled_back',
        current_step: state.current_step,
        current_weight: 0,
        event: 'rolled_back',
        armStep: false,
        terminal: true,
      };
    case 'fail':
      return {
        status: 'failed',
        current_step: state.current_step,
        current_weight: 0,
        event: 'failed',
        armStep: false,
        terminal: true,
      };
  }
}

/** Where a new rollout begins: waiting for approval, or in its first step. */
export function initialTransition(
  state: Omit<RolloutState, 'status'>,
  needsApproval: boolean,
): Transition {
  if (needsApproval) {
    return {
      status: 'pending_approval',
      current_step: 0,
      current_weight: 0,
      event: 'pending_approval',
      armStep: false,
      terminal: false,
    };
  }
  return enterStep({ ...state, status: 'progressing' }, 0, 'started');
}

function enterStep(state: RolloutState, index: number, event: string): Transition {
  const last = state.steps.length - 1;
  const step = Math.min(index, last);
  const weight = state.steps[step]?.weight ?? 100;
  if (step === last) {
    return {
      status: 'succeeded',
      current_step: step,
      current_weight: weight,
      event: 'succeeded',
      armStep: false,
      terminal: true,
    };
  }
  return {
    status: 'progressing',
    current_step: step,
    current_weight: weight,
    event,
    armStep: true,
    terminal: false,
  };
}

function keep(state: RolloutState) {
  return {
    current_step: state.current_step,
    current_weight: state.current_weight,
    armStep: false,
    terminal: false,
  };
}
