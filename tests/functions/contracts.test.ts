import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CONTRACTS } from '../../shared/contracts/index.ts';
import { FUNCTION_NAMES } from '../../shared/function-names.ts';
import { REGISTRIES } from '../support/registries.ts';

// Responses are checked against these schemas in every test that calls the API
// (tests/support/contract-check.ts): this test makes sure there is one to check against.
describe.each(FUNCTION_NAMES)('%s contracts', (fn) => {
  it('cover every action the function answers, in the same order', () => {
    expect(CONTRACTS[fn].map((c) => c.name)).toEqual(REGISTRIES[fn].map((a) => a.name));
  });

  it('give every action a response schema that describes something', () => {
    for (const contract of CONTRACTS[fn]) {
      expect(contract.response, contract.name).toBeInstanceOf(z.ZodType);
      expect(contract.response, contract.name).not.toBeInstanceOf(z.ZodUnknown);
      expect(contract.response, contract.name).not.toBeInstanceOf(z.ZodAny);
    }
  });

  it('are what the handlers are bound to', () => {
    for (const action of REGISTRIES[fn]) {
      const contract = CONTRACTS[fn].find((c) => c.name === action.name);
      expect(action.request, action.name).toBe(contract?.request);
      expect(action.response, action.name).toBe(contract?.response);
    }
  });
});
