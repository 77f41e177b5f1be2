/**
 * The scanner of large JSON objects (json-scan.ts) reads what JSON.parse reads, but a top-level `samples`,
 * `timeDeltas` or `timestamps` array of numbers becomes a Float64Array, counted against maxSamples before it is
 * allocated. Anything it cannot read as that gives null, and the caller uses JSON.parse.
 */
import { describe, expect, it } from 'vitest';
import { LimitExceeded } from './errors';
import { scanJsonObject } from './json-scan';
import { DEFAULT_IMPORT_LIMITS } from './limits';

const scan = (text: string, limits = DEFAULT_IMPORT_LIMITS) => scanJsonObject(new TextEncoder().encode(text), limits);

describe('scanJsonObject', () => {
  it('reads number arrays of the sample keys into Float64Arrays and every other value as JSON.parse does', () => {
    const text =
      '\ufeff{"nodes":[{"id":1,"name":"a\\"b\\\\c\\u00e9"}],"samples":[1, 2 ,3],"timeDeltas":[-0.5,1e3,0],' +
      '"other":[1,2],"startTime":12}';
    const scanned = scan(text)!;
    expect(scanned['samples']).toEqual(Float64Array.from([1, 2, 3]));
    expect(scanned['timeDeltas']).toEqual(Float64Array.from([-0.5, 1000, 0]));
    const parsed = JSON.parse(text.slice(1)) as Record<string, unknown>;
    expect(scanned['nodes']).toEqual(parsed['nodes']);
    expect(scanned['other']).toEqual([1, 2]);
    expect(scanned['startTime']).toBe(12);
  });

  it('keeps an empty sample array an array: a heapprofile’s samples hold objects, and an empty one says nothing', () => {
    const scanned = scan('{"head":{"id":1},"samples":[],"timestamps":[ ]}')!;
    expect(scanned['samples']).toEqual([]);
    expect(Array.isArray(scanned['samples'])).toBe(true);
    expect(Array.isArray(scanned['timestamps'])).toBe(true);
  });

  it('reads a sample array that holds anything but numbers as JSON', () => {
    const scanned = scan('{"samples":[{"size":8,"nodeId":2}],"timeDeltas":[1,"2"]}')!;
    expect(scanned['samples']).toEqual([{ size: 8, nodeId: 2 }]);
    expect(scanned['timeDeltas']).toEqual([1, '2']);
  });

  it('makes "__proto__" an own property, as JSON.parse does', () => {
    const scanned = scan('{"__proto__":{"x":1},"samples":[1]}')!;
    expect(Object.getPrototypeOf(scanned)).toBe(Object.prototype);
    expect(Object.keys(scanned)).toEqual(['__proto__', 'samples']);
  });

  it('gives null for what is not one well-formed object, so the caller reports JSON.parse’s error', () => {
    for (const text of ['[1,2]', '{"samples":[1,2}', '{"a":1,}', '{"a":1} x', '{"samples":[01]}', '{"a":tru}']) {
      expect(scan(text), text).toBeNull();
    }
  });

  it('refuses a sample array over maxSamples before reading its numbers, naming the key', () => {
    const limits = { ...DEFAULT_IMPORT_LIMITS, maxSamples: 3 };
    expect(() => scan('{"timeDeltas":[1,2,3,4]}', limits)).toThrow(LimitExceeded);
    expect(() => scan('{"timeDeltas":[1,2,3,4]}', limits)).toThrow(
      'sample count 4 exceeds the limit maxSamples=3 (in "timeDeltas")',
    );
    expect(scan('{"timeDeltas":[1,2,3]}', limits)!['timeDeltas']).toEqual(Float64Array.from([1, 2, 3]));
  });
});
