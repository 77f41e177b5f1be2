import { describe, expect, it } from 'vitest';
import type { HeapRetainerStep } from '../../shared/ipc/contract';
import { retainerPathText, retainerSteps, retainerStepText } from './retainerPath';

function step(nodeName: string, nodeType: string, edgeName: string, retainedSize: number): HeapRetainerStep {
  return { nodeName, nodeType, edgeName, selfSize: 16, retainedSize };
}

describe('retainerSteps', () => {
  it('reads from the root down to the instance, one edge at a time', () => {
    const path = [
      step('', 'synthetic', '', 10_000_000),
      step('(GC roots)', 'synthetic', '2', 9_000_000),
      step('Window', 'object', 'global', 2048),
      step('Cache', 'object', 'cache', 1536),
      step('Leak', 'object', '3', 512),
    ];
    expect(retainerSteps(path).map(retainerStepText)).toEqual([
      'root',
      '→[2] (GC roots) (synthetic, retained 8.58 MiB)',
      '→[global] Window (object, retained 2 KiB)',
      '→[cache] Cache (object, retained 1.5 KiB)',
      '→[3] Leak (object, retained 512 B)',
    ]);
    expect(retainerPathText(path.slice(0, 3))).toBe(
      'root →[2] (GC roots) (synthetic, retained 8.58 MiB) →[global] Window (object, retained 2 KiB)',
    );
  });

  it('splits each step into edge, name and detail', () => {
    expect(retainerSteps([step('', 'synthetic', '', 99), step('Cache', 'object', 'cache', 1536)])).toEqual([
      { edge: null, name: 'root', detail: null },
      { edge: '→[cache]', name: 'Cache', detail: '(object, retained 1.5 KiB)' },
    ]);
  });

  it('names a root that has a name, and marks nodes and edges without one', () => {
    const path = [step('(GC roots)', 'synthetic', '', 4096), step('', 'closure', '', 100)];
    expect(retainerSteps(path).map(retainerStepText)).toEqual([
      '(GC roots) (synthetic, retained 4 KiB)',
      '→ (no name) (closure, retained 100 B)',
    ]);
  });

  it('keeps markup in names as the characters it is', () => {
    expect(retainerPathText([step('', 'synthetic', '', 1), step('<img src=x>', 'object', '<b>', 8)])).toBe(
      'root →[<b>] <img src=x> (object, retained 8 B)',
    );
  });
});
