import { beforeEach, describe, expect, it } from 'vitest';
import { flameFilters, useViewStore } from './viewStore';
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

  it('adds a trailing invert for the inverted view only', () => {
    const filters = [{ kind: 'drop', pattern: 'gc' }] as const;
    expect(flameFilters(filters, 'inverted')).toEqual([{ kind: 'drop', pattern: 'gc' }, { kind: 'invert' }]);
    expect(flameFilters(filters, 'top-down')).toEqual([{ kind: 'drop', pattern: 'gc' }]);
  });
});
