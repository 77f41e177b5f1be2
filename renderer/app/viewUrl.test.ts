import { describe, expect, it } from 'vitest';
import {
  decodeViewQuery,
  DEFAULT_URL_VIEW_STATE,
  encodeViewUrl,
  filterChipLabel,
  filterFromForm,
  filterPatternLabel,
  type UrlViewState,
} from './viewUrl';

const BASE = 'http://127.0.0.1:7000/';

function roundTrip(state: UrlViewState, base = BASE): UrlViewState {
  return decodeViewQuery(new URL(encodeViewUrl(base, state)).search);
}

describe('view URL state', () => {
  it('round-trips filters, view mode and sandwich function', () => {
    const state: UrlViewState = {
      filters: [
        { kind: 'focus', pattern: 'main\\.handle' },
        { kind: 'hide', pattern: 'runtime\\..*' },
        { kind: 'drop', pattern: 'a;b:c&d#e+f %g/h?i$' },
        { kind: 'collapseRecursion' },
        { kind: 'collapseRecursion', pattern: 'recurse' },
      ],
      viewMode: 'sandwich',
      sandwichFunction: 'std::vector<int>::push_back & co',
    };
    expect(roundTrip(state)).toEqual(state);
  });

  it('round-trips unicode patterns', () => {
    const state: UrlViewState = {
      filters: [{ kind: 'focus', pattern: 'Größe✓' }],
      viewMode: 'inverted',
      sandwichFunction: null,
    };
    expect(roundTrip(state)).toEqual(state);
  });

  it('leaves defaults out of the URL', () => {
    expect(encodeViewUrl(`${BASE}?filters=focus:x&view=inverted`, DEFAULT_URL_VIEW_STATE)).toBe(BASE);
  });

  it('writes the filter text as formatFilters produces it', () => {
    const href = encodeViewUrl(BASE, {
      filters: [{ kind: 'focus', pattern: 'a;b' }],
      viewMode: 'inverted',
      sandwichFunction: null,
    });
    expect(href).toBe(`${BASE}?filters=focus:a%3Bb&view=inverted`);
  });

  it('never writes the token back and keeps other parameters', () => {
    const href = encodeViewUrl(`${BASE}?token=secret&debug=1&view=sandwich`, {
      filters: [],
      viewMode: 'inverted',
      sandwichFunction: null,
    });
    expect(href).not.toContain('token');
    expect(href).not.toContain('secret');
    expect(new URL(href).searchParams.get('debug')).toBe('1');
    expect(new URL(href).searchParams.get('view')).toBe('inverted');
  });

  it('falls back to defaults on unreadable input', () => {
    expect(decodeViewQuery('')).toEqual(DEFAULT_URL_VIEW_STATE);
    expect(decodeViewQuery('?filters=bogus:x&view=sideways&fn=%E0%A4%A')).toEqual(DEFAULT_URL_VIEW_STATE);
    expect(decodeViewQuery('?filters=focus')).toEqual(DEFAULT_URL_VIEW_STATE);
  });

  it('writes the flame orientation only when it is not the default icicle', () => {
    const flame = encodeViewUrl(BASE, { ...DEFAULT_URL_VIEW_STATE, viewMode: 'table', orientation: 'flame' });
    expect(flame).toBe(`${BASE}?view=table&orient=flame`);
    expect(decodeViewQuery(new URL(flame).search)).toEqual({
      ...DEFAULT_URL_VIEW_STATE,
      viewMode: 'table',
      orientation: 'flame',
    });
    expect(encodeViewUrl(`${BASE}?orient=flame`, { ...DEFAULT_URL_VIEW_STATE, orientation: 'icicle' })).toBe(BASE);
    expect(decodeViewQuery('?orient=sideways').orientation).toBeUndefined();
  });

  it('drops invert from the chip filters (it is the view mode)', () => {
    expect(decodeViewQuery('?filters=focus:a;invert').filters).toEqual([{ kind: 'focus', pattern: 'a' }]);
  });
});

describe('filter chips', () => {
  it('labels each kind', () => {
    expect(filterChipLabel({ kind: 'focus', pattern: 'main' })).toBe('Focus: main');
    expect(filterChipLabel({ kind: 'hide', pattern: 'runtime' })).toBe('Hide: runtime');
    expect(filterChipLabel({ kind: 'drop', pattern: 'gc' })).toBe('Drop: gc');
    expect(filterChipLabel({ kind: 'collapseRecursion', pattern: 'f' })).toBe('Collapse recursion: f');
    expect(filterPatternLabel({ kind: 'collapseRecursion' })).toBe('all direct recursion');
  });

  it('builds filters from the add form', () => {
    expect(filterFromForm('focus', '  main ')).toEqual({ kind: 'focus', pattern: 'main' });
    expect(filterFromForm('hide', '   ')).toBeNull();
    expect(filterFromForm('collapseRecursion', '')).toEqual({ kind: 'collapseRecursion' });
    expect(filterFromForm('collapseRecursion', 'f')).toEqual({ kind: 'collapseRecursion', pattern: 'f' });
  });
});
