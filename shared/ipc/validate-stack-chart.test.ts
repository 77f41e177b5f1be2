import { describe, expect, it } from 'vitest';
import { CONTRACT_LIMITS, ContractError, validateArgs } from './validate';

describe('getStackChart arguments', () => {
  it('accepts a selection and a width, with an optional range and filters', () => {
    expect(validateArgs('getStackChart', { selection: { items: [3] }, widthPx: 1200 })).toEqual({
      selection: { items: [3] },
      widthPx: 1200,
    });
    expect(
      validateArgs('getStackChart', {
        selection: { items: [3] },
        widthPx: 800,
        startNs: 1.5e6,
        endNs: 2e9,
        filters: 'hide:node%3Ainternal',
      }),
    ).toEqual({ selection: { items: [3] }, widthPx: 800, startNs: 1.5e6, endNs: 2e9, filters: 'hide:node%3Ainternal' });
    // Only one end of the range: the other is the item's.
    expect(validateArgs('getStackChart', { selection: { items: [0] }, widthPx: 1, startNs: -5 })).toEqual({
      selection: { items: [0] },
      widthPx: 1,
      startNs: -5,
    });
  });

  it.each([
    [{ widthPx: 100 }, 'selection must be { items } or { service, window }'],
    [{ selection: { items: [-1] }, widthPx: 100 }, 'selection.items must be non-negative integers'],
    [{ selection: { items: [1] } }, 'widthPx must be a non-negative integer'],
    [{ selection: { items: [1] }, widthPx: 0 }, 'widthPx must be between 1 and 65536'],
    [
      { selection: { items: [1] }, widthPx: CONTRACT_LIMITS.maxStackChartWidthPx + 1 },
      'widthPx must be between 1 and 65536',
    ],
    [{ selection: { items: [1] }, widthPx: 10.5 }, 'widthPx must be a non-negative integer'],
    [{ selection: { items: [1] }, widthPx: 10, startNs: '0' }, 'startNs must be a finite number'],
    [{ selection: { items: [1] }, widthPx: 10, endNs: Infinity }, 'endNs must be a finite number'],
    [{ selection: { items: [1] }, widthPx: 10, startNs: Number.NaN }, 'startNs must be a finite number'],
    [{ selection: { items: [1] }, widthPx: 10, startNs: 5, endNs: 5 }, 'endNs must be greater than startNs'],
    [{ selection: { items: [1] }, widthPx: 10, startNs: 9, endNs: 2 }, 'endNs must be greater than startNs'],
    [{ selection: { items: [1] }, widthPx: 10, filters: 'nonsense:x' }, 'filters: unknown filter "nonsense"'],
    [{ selection: { items: [1] }, widthPx: 10, sampleType: 0 }, 'unexpected argument "sampleType"'],
  ])('refuses %j', (args, message) => {
    expect(() => validateArgs('getStackChart', args)).toThrow(ContractError);
    expect(() => validateArgs('getStackChart', args)).toThrow(`getStackChart: ${message}`);
  });
});
