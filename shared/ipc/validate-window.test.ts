/** The window additions of the contract: getWindowSummary's argument and the stacks methods' `scale`. */
import { describe, expect, it } from 'vitest';
import { KILN_METHODS } from './contract';
import { ContractError, validateArgs } from './validate';

describe('window arguments', () => {
  it('getWindowSummary takes a selection and nothing else', () => {
    expect(KILN_METHODS).toContain('getWindowSummary');
    const selection = { service: 'checkout', window: { startMs: 1, endMs: 2 } };
    expect(validateArgs('getWindowSummary', { selection })).toEqual({ selection });
    expect(() => validateArgs('getWindowSummary', {})).toThrow(ContractError);
    expect(() => validateArgs('getWindowSummary', { selection, sampleType: 0 })).toThrow(/unexpected argument/);
  });

  it("stacks methods take scale 'per-second' only", () => {
    const args = { selection: { items: [1] }, sampleType: 0 };
    expect(validateArgs('getFlameTree', { ...args, scale: 'per-second' })).toEqual({ ...args, scale: 'per-second' });
    expect(validateArgs('getTopFunctions', { ...args, limit: 5 })).toEqual({ ...args, limit: 5 });
    expect(() => validateArgs('getFlameTree', { ...args, scale: 'per-minute' })).toThrow(/scale must be "per-second"/);
    expect(() => validateArgs('getSearchTotal', { ...args, scale: 1, query: 'a' })).toThrow(ContractError);
  });
});
