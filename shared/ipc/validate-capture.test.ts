import { describe, expect, it } from 'vitest';
import { HTTP_METHODS } from './contract';
import { CONTRACT_LIMITS, ContractError, validateArgs } from './validate';

describe('capture arguments', () => {
  it('setCaptureStart is offered over HTTP too (a page sets the start of what it uploaded)', () => {
    expect(HTTP_METHODS).toContain('setCaptureStart');
    expect(validateArgs('setCaptureStart', { itemId: 3, startMs: 1_700_000_000_123.5 })).toEqual({
      itemId: 3,
      startMs: 1_700_000_000_123.5,
    });
  });

  it.each([
    [{ itemId: 3 }, 'startMs must be a time in ms since the Unix epoch'],
    [{ itemId: 3, startMs: -1 }, 'startMs must be a time'],
    [{ itemId: 3, startMs: CONTRACT_LIMITS.maxEpochMs + 1 }, 'startMs must be a time'],
    [{ itemId: 3, startMs: Number.NaN }, 'startMs must be a time'],
    [{ itemId: 3, startMs: '2026-01-01' }, 'startMs must be a time'],
    [{ itemId: -1, startMs: 0 }, 'itemId must be a non-negative integer'],
    [{ itemId: 3, startMs: 0, extra: 1 }, 'extra'],
  ])('setCaptureStart refuses %j', (args, message) => {
    expect(() => validateArgs('setCaptureStart', args)).toThrow(ContractError);
    expect(() => validateArgs('setCaptureStart', args)).toThrow(message);
  });

  it("importUpload takes the file's lastModified, checked like any time", () => {
    const bytes = new Uint8Array([1]);
    expect(validateArgs('importUpload', { fileName: 'a.txt', bytes, lastModifiedMs: 1e12 })).toEqual({
      fileName: 'a.txt',
      bytes,
      lastModifiedMs: 1e12,
    });
    expect(validateArgs('importUpload', { fileName: 'a.txt', bytes })).toEqual({ fileName: 'a.txt', bytes });
    expect(() => validateArgs('importUpload', { fileName: 'a.txt', bytes, lastModifiedMs: Number.NaN })).toThrow(
      'lastModifiedMs must be a time',
    );
  });
});
