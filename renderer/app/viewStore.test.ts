import { beforeEach, describe, expect, it } from 'vitest';
import { flameFilters, showsInvertedTree, useViewStore } from './viewStore';
import { DEFAULT_URL_VIEW_STATE } from './viewUrl';

describe('view store filters and mode', () => {
  beforeEach(() => useViewStore.getState().restoreUrlState(DEFAULT_URL_VIEW_STATE));

  it('adds and removes filters by position, resetting zoom', () => {
    const s = useViewStore.getState();
    s.zoomTo(5);
    s.addFilter({ kind: 'focus', pattern: 'a' });
    s.addFilter({ kind: 'hide', pattern: 'b' });
    s.addFilter({ kind: 'focus', pattern: 'a' });
    expect(useViewStore.getState().zoomNode).toBe(0);
    s.removeFilter(0);
    expect(useViewStore.getState().filters).toEqual([
      { kind: 'hide', pattern: 'b' },
      { kind: 'focus', pattern: 'a' },
    ]);
  });

  it('switches to the sandwich view of a clicked function', () => {
    useViewStore.getState().showSandwich('main');
    expect(useViewStore.getState()).toMatchObject({ viewMode: 'sandwich', sandwichFunction: 'main' });
  });

  it('leaves the sandwich when line merging is switched on or off, since node names change', () => {
    const s = useViewStore.getState();
    s.showSandwich('main.work');
    s.addFilter({ kind: 'focus', pattern: 'a' });
    expect(useViewStore.getState().viewMode).toBe('sandwich');
    s.addFilter({ kind: 'lines' });
    expect(useViewStore.getState()).toMatchObject({ viewMode: 'top-down', sandwichFunction: null });
    s.showSandwich('main.work:42');
    s.removeFilter(1);
    expect(useViewStore.getState()).toMatchObject({ viewMode: 'top-down', sandwichFunction: null });
  });

  it('adds a trailing invert for the inverted view only', () => {
    const filters = [{ kind: 'drop', pattern: 'gc' }] as const;
    expect(flameFilters(filters, 'inverted')).toEqual([{ kind: 'drop', pattern: 'gc' }, { kind: 'invert' }]);
    expect(flameFilters(filters, 'top-down')).toEqual([{ kind: 'drop', pattern: 'gc' }]);
  });
});

describe('view store drawing options', () => {
  beforeEach(() => useViewStore.getState().restoreUrlState(DEFAULT_URL_VIEW_STATE));

  it('restores the orientation from the URL, an icicle when absent', () => {
    useViewStore.getState().restoreUrlState({ ...DEFAULT_URL_VIEW_STATE, orientation: 'flame' });
    expect(useViewStore.getState().orientation).toBe('flame');
    useViewStore.getState().restoreUrlState(DEFAULT_URL_VIEW_STATE);
    expect(useViewStore.getState().orientation).toBe('icicle');
  });

  it('keeps the zoom when only the drawing changes', () => {
    const s = useViewStore.getState();
    s.zoomTo(3);
    s.setOrientation('flame');
    s.setColorMode('function');
    expect(useViewStore.getState()).toMatchObject({ zoomNode: 3, orientation: 'flame', colorMode: 'function' });
  });

  it('fetches the bottom-up tree for the inverted view and the bottom-up table only', () => {
    expect(showsInvertedTree('inverted', false)).toBe(true);
    expect(showsInvertedTree('table', true)).toBe(true);
    expect(showsInvertedTree('table', false)).toBe(false);
    expect(showsInvertedTree('top-down', true)).toBe(false);
  });
});
