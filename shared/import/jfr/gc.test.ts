import { describe, expect, it } from 'vitest';
import { classify, collectorName } from './gc';

describe('JFR GC names', () => {
  it('name collections as the unified GC log reader does', () => {
    expect(classify('G1New', 'Normal')).toEqual({ kind: 'young', generation: 'young' });
    expect(classify('G1New', 'Concurrent Start')).toEqual({ kind: 'concurrent-start', generation: 'young' });
    expect(classify('G1New', 'Mixed')).toEqual({ kind: 'mixed', generation: 'both' });
    expect(classify('G1New', undefined)).toEqual({ kind: 'young', generation: 'young' });
    expect(classify('G1Old', undefined)).toEqual({ kind: 'concurrent-mark-cycle', generation: 'old' });
    expect(classify('G1Full', undefined)).toEqual({ kind: 'full', generation: 'both' });
    expect(classify('ParallelScavenge', undefined)).toEqual({ kind: 'young', generation: 'young' });
    expect(classify('ParallelOld', undefined)).toEqual({ kind: 'full', generation: 'both' });
    expect(classify('DefNew', undefined)).toEqual({ kind: 'young', generation: 'young' });
    expect(classify('SerialOld', undefined)).toEqual({ kind: 'full', generation: 'both' });
    expect(classify('Z', undefined)).toEqual({ kind: 'garbage-collection', generation: null });
    expect(classify('ZGC Minor', undefined)).toEqual({ kind: 'minor-collection', generation: 'young' });
    expect(classify('ZGC Major', undefined)).toEqual({ kind: 'major-collection', generation: 'both' });
    expect(classify('Some New GC', undefined)).toEqual({ kind: 'some-new-gc', generation: null });
    expect(classify(null, undefined)).toEqual({ kind: 'gc', generation: null });
  });

  it('names the collector family', () => {
    expect(collectorName(['G1New', 'G1Old'])).toBe('G1');
    expect(collectorName(['ParallelScavenge', 'ParallelOld'])).toBe('Parallel');
    expect(collectorName(['DefNew', 'SerialOld'])).toBe('Serial');
    expect(collectorName(['ZGC Minor', 'ZGC Major'])).toBe('ZGC');
    expect(collectorName(['Shenandoah'])).toBe('Shenandoah');
    expect(collectorName(['Mystery', null])).toBe('Mystery');
    expect(collectorName([null])).toBeNull();
  });
});
