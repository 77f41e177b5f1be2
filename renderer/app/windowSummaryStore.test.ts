import { beforeEach, describe, expect, it } from 'vitest';
import type { FlameTree, TopFunctionRow, WindowSummary } from '../../shared/ipc/contract';
import type { KilnBackend } from '../backend/KilnBackend';
import { useProfileDataStore } from '../profile/profileDataStore';
import { useSandwichStore } from '../profile/sandwichStore';
import { hasWindowHeader, scaleArg, stacksScale, windowSummaryKey } from './windowSummaryStore';

const WINDOW = { service: 'checkout', window: { startMs: 1000, endMs: 5000 }, kind: 'cpu' as const };

function summary(aggregation: 'sum' | 'mean', profiledNs: number | null): WindowSummary {
  return {
    service: 'checkout',
    kind: 'cpu',
    kinds: [{ kind: 'cpu', captures: 2 }],
    captures: 2,
    startMs: 1000,
    endMs: 5000,
    profiledNs,
    aggregation,
    title: 'checkout · CPU · 2 captures',
  };
}

describe('the per-second scale of stacks requests', () => {
  it('scales only a summed window the user asked for, whose summary is loaded and has profiled time', () => {
    const key = windowSummaryKey(WINDOW);
    expect(stacksScale(WINDOW, { key, summary: summary('sum', 4e9), perSecond: true })).toBe('per-second');
    expect(stacksScale(WINDOW, { key, summary: summary('sum', 4e9), perSecond: false })).toBeUndefined();
    // Gauges are averaged, never scaled; nor is a window with no known profiled time.
    expect(stacksScale(WINDOW, { key, summary: summary('mean', 4e9), perSecond: true })).toBeUndefined();
    expect(stacksScale(WINDOW, { key, summary: summary('sum', null), perSecond: true })).toBeUndefined();
    // The summary of another selection (still loading this one's) does not count.
    const other = windowSummaryKey({ items: [1, 2] });
    expect(stacksScale(WINDOW, { key: other, summary: summary('sum', 4e9), perSecond: true })).toBeUndefined();
    // One capture has no header, so no toggle: never scaled.
    const one = { items: [4] };
    expect(stacksScale(one, { key: windowSummaryKey(one), summary: summary('sum', 4e9), perSecond: true })).toBe(
      undefined,
    );
    expect(scaleArg(undefined)).toEqual({});
    expect(scaleArg('per-second')).toEqual({ scale: 'per-second' });
  });

  it('shows the header for windows and several captures, not one', () => {
    expect(hasWindowHeader(WINDOW)).toBe(true);
    expect(hasWindowHeader({ items: [1, 2] })).toBe(true);
    expect(hasWindowHeader({ items: [1] })).toBe(false);
    expect(hasWindowHeader(null)).toBe(false);
  });
});

describe('stacks requests with a scale', () => {
  beforeEach(() => {
    useProfileDataStore.setState({ key: null, flameTree: null, topFunctions: null, error: null });
    useSandwichStore.setState({ key: null, callers: null, callees: null, error: null });
  });

  it('carry scale in the flame tree, top functions and sandwich requests, and a new key', async () => {
    const asked: unknown[] = [];
    const backend = {
      getFlameTree: (args: unknown) => {
        asked.push(args);
        return Promise.resolve({ functionNames: [] } as unknown as FlameTree);
      },
      getTopFunctions: (args: unknown) => {
        asked.push(args);
        return Promise.resolve({ total: 0, rows: [] as TopFunctionRow[] });
      },
      getSandwich: (args: unknown) => {
        asked.push(args);
        return Promise.resolve({ callers: null, callees: null });
      },
    } as unknown as KilnBackend;
    const base = { selection: WINDOW, sampleType: 1, treeFilters: '', topFilters: 'hide:x' };
    await useProfileDataStore.getState().load(backend, base);
    const unscaledKey = useProfileDataStore.getState().key;
    await useProfileDataStore.getState().load(backend, { ...base, scale: 'per-second' });
    expect(useProfileDataStore.getState().key).not.toBe(unscaledKey);
    await useSandwichStore
      .getState()
      .load(backend, { selection: WINDOW, sampleType: 1, functionName: 'main.f', filters: '', scale: 'per-second' });
    expect(asked).toEqual([
      { selection: WINDOW, sampleType: 1 },
      { selection: WINDOW, sampleType: 1, limit: 200, filters: 'hide:x' },
      { selection: WINDOW, sampleType: 1, scale: 'per-second' },
      { selection: WINDOW, sampleType: 1, limit: 200, filters: 'hide:x', scale: 'per-second' },
      { selection: WINDOW, sampleType: 1, functionName: 'main.f', scale: 'per-second' },
    ]);
  });
});
