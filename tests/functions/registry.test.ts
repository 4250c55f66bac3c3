import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { healthCheck, listActions } from '../../shared/contracts/common.ts';
import { contract } from '../../shared/contracts/contract.ts';
import { defineAction } from '../../supabase/functions/_shared/action.ts';
import { bindActions } from '../../supabase/functions/_shared/registry.ts';

const ping = contract({
  name: 'ping',
  summary: 'Answers pong.',
  access: 'read',
  input: {},
  response: z.object({ pong: z.literal(true) }),
});
const echo = contract({
  name: 'echo',
  summary: 'Answers its text.',
  access: 'read',
  input: { text: z.string() },
  response: z.object({ text: z.string() }),
});
const pingHandler = defineAction(ping, async () => ({ pong: true as const }));
const echoHandler = defineAction(echo, async ({ text }) => ({ text }));

// A registry is the function's contracts bound to what its handler modules export; a mismatch
// stops the function when it loads, before any request.
describe('bindActions', () => {
  it('binds each contract to its handler, in the contracts order, lists included', () => {
    const actions = bindActions('fn', [healthCheck, echo, ping, listActions], {
      helper: () => 'not an action',
      handlers: [pingHandler, echoHandler],
    });
    expect(actions.map((a) => a.name)).toEqual(['health_check', 'echo', 'ping', 'list_actions']);
    expect(actions[1]).toBe(echoHandler);
  });

  it('refuses a contract without a handler', () => {
    expect(() => bindActions('fn', [healthCheck, ping, echo], { pingHandler })).toThrow(
      'fn: echo has no handler',
    );
  });

  it('refuses a handler without a contract', () => {
    expect(() => bindActions('fn', [ping], { pingHandler, echoHandler })).toThrow(
      'fn: no contract for echo',
    );
  });

  it('refuses a handler bound to another contract of the same name', () => {
    const other = contract({ ...echo, name: 'ping', input: {}, response: z.object({}) });
    expect(() => bindActions('fn', [other], { pingHandler })).toThrow(
      "fn: ping's handler is bound to another contract",
    );
  });

  it('refuses two handlers for one action', () => {
    const again = defineAction(ping, async () => ({ pong: true as const }));
    expect(() => bindActions('fn', [ping], { pingHandler, again })).toThrow(
      'fn: two handlers for ping',
    );
  });
});
