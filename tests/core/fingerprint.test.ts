import { describe, expect, it } from 'vitest';
import { fingerprintOf, normaliseMessage, topFrame } from '../../shared/telemetry/fingerprint.ts';

describe('error fingerprints', () => {
  it('masks ids, numbers and quoted values in messages', () => {
    expect(
      normaliseMessage('User 42 not found in "tenant-a" (id 6f1c1e4e-8d3b-4a53-9a55-2d3c7a1f0b11)'),
    ).toBe('User <n> not found in <str> (id <uuid>)');
  });

  it('keeps the top frame without line numbers', () => {
    const stack =
      'TypeError: x is undefined\n    at handler (/app/src/api.ts:10:5)\n    at next (/app/src/mw.ts:3:1)';
    expect(topFrame(stack)).toBe('handler (/app/src/api.ts');
  });

  it('gives the same fingerprint to the same error with other values, and another to another component', async () => {
    const a = await fingerprintOf({ component: 'api', error_message: 'timeout after 3000 ms' });
    const b = await fingerprintOf({ component: 'api', error_message: 'timeout after 5000 ms' });
    const c = await fingerprintOf({ component: 'worker', error_message: 'timeout after 3000 ms' });
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
  });
});
