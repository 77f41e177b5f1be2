import { describe, expect, it } from 'vitest';
import { ANNOTATION_FILE_LIMITS } from '../timeline/annotation-file';
import { ContractError, validateArgs } from './validate';

describe('getTimelineSeries arguments', () => {
  it('accepts no service or one service', () => {
    expect(validateArgs('getTimelineSeries', {})).toEqual({});
    expect(validateArgs('getTimelineSeries', { service: 'checkout' })).toEqual({ service: 'checkout' });
  });

  it('refuses an empty or oversized service and unknown keys', () => {
    const bad: [unknown, string][] = [
      [{ service: '' }, 'service must be a non-empty string'],
      [{ service: 'x'.repeat(ANNOTATION_FILE_LIMITS.maxServiceLength + 1) }, 'service'],
      [{ service: 3 }, 'service'],
      [{ kind: 'cpu' }, 'kind'],
    ];
    for (const [args, message] of bad) {
      expect(() => validateArgs('getTimelineSeries', args)).toThrow(ContractError);
      expect(() => validateArgs('getTimelineSeries', args)).toThrow(message);
    }
  });
});
