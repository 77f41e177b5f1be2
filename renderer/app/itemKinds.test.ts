import { describe, expect, it } from 'vitest';
import type { ItemKind } from '../../shared/ipc/contract';
import { kindLabel, viewForKind } from './itemKinds';

describe('kindLabel', () => {
  it('names every kind for people', () => {
    const kinds: ItemKind[] = [
      'cpu',
      'allocations',
      'heap',
      'goroutines',
      'contention',
      'trace',
      'other',
      'gc-log',
      'heap-snapshot',
    ];
    expect(kinds.map(kindLabel)).toEqual([
      'CPU',
      'Allocations',
      'Heap in use',
      'Goroutines',
      'Contention',
      'Trace',
      'Other',
      'GC log',
      'Heap snapshot',
    ]);
  });

  it('shows an unknown kind as it is, and never an inherited property', () => {
    expect(kindLabel('flight-recording' as ItemKind)).toBe('flight-recording');
    expect(kindLabel('toString' as ItemKind)).toBe('toString');
  });
});

describe('viewForKind', () => {
  it('gives GC logs and heap snapshots their own views and every profile the stack views', () => {
    expect(viewForKind('gc-log')).toBe('gc');
    expect(viewForKind('heap-snapshot')).toBe('heap');
    expect(viewForKind('cpu')).toBe('stacks');
    expect(viewForKind('trace')).toBe('stacks');
    expect(viewForKind('other')).toBe('stacks');
  });
});
