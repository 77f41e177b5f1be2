import { describe, expect, it } from 'vitest';
import type { ItemSummary } from '../../shared/ipc/contract';
import { workbenchTabs } from './workbenchTabs';

const item = (kind: ItemSummary['kind']) => ({ kind }) as ItemSummary;

describe('workbench tabs', () => {
  it('offers each tab only when the selection holds what it reads', () => {
    expect(workbenchTabs([item('cpu'), item('cpu')])).toEqual([]);
    expect(workbenchTabs([item('cpu'), item('heap')])).toEqual([]);
    expect(workbenchTabs([item('heap'), item('heap')])).toEqual(['view', 'memory', 'findings']);
    expect(workbenchTabs([item('heap-snapshot')])).toEqual(['view', 'snapshots', 'findings']);
    const recording = { kind: 'allocations', hasSampleTimes: true } as ItemSummary;
    expect(workbenchTabs([recording])).toEqual(['view', 'memory', 'findings']);
    expect(workbenchTabs([item('allocations')])).toEqual([]);
    expect(workbenchTabs([item('heap-snapshot'), item('heap-snapshot'), item('gc-log')])).toEqual([
      'view',
      'memory',
      'snapshots',
      'gc',
      'findings',
    ]);
  });
});
