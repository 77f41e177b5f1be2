import { describe, expect, it } from 'vitest';
import { decodeViewQuery, encodeViewUrl, type UrlViewState } from './viewUrl';

const BASE = 'http://127.0.0.1:7000/?keep=1';

function roundTrip(state: UrlViewState): UrlViewState {
  return decodeViewQuery(new URL(encodeViewUrl(BASE, state)).search);
}

describe('the selection in the view URL', () => {
  it('round-trips item lists, windows and service selections with the sample type', () => {
    const states: UrlViewState[] = [
      { filters: [], viewMode: 'top-down', sandwichFunction: null, selection: { items: [12] }, sampleType: 1 },
      {
        filters: [{ kind: 'focus', pattern: 'main' }],
        viewMode: 'sandwich',
        sandwichFunction: 'main.work',
        selection: { items: [3, 4, 5, 9], window: { startMs: 1_700_000_000_000, endMs: 1_700_000_000_250.5 } },
        sampleType: 0,
      },
      {
        filters: [],
        viewMode: 'inverted',
        sandwichFunction: null,
        selection: {
          service: 'check out & pay',
          window: { startMs: 10, endMs: 20 },
          kind: 'cpu',
          labels: [{ key: 'version', value: '1.4;rc=2' }],
        },
        sampleType: 2,
      },
    ];
    for (const state of states) expect(roundTrip(state)).toEqual(state);
  });

  it('writes the selection as readable text and keeps other parameters', () => {
    const href = encodeViewUrl(BASE, {
      filters: [],
      viewMode: 'top-down',
      sandwichFunction: null,
      selection: { items: [3, 4, 5] },
      sampleType: 1,
    });
    expect(new URL(href).search).toBe('?keep=1&sel=3-5&type=1');
  });

  it('reads a selection that URLSearchParams escaped once more', () => {
    const url = new URL('http://127.0.0.1:7000/');
    url.searchParams.set('sel', 'service=a%20b@1..2;kind=cpu');
    url.searchParams.set('type', '1');
    expect(decodeViewQuery(url.search)).toEqual(
      expect.objectContaining({ selection: { service: 'a b', window: { startMs: 1, endMs: 2 }, kind: 'cpu' } }),
    );
    expect(decodeViewQuery('?sel=1%2C2%2C3').selection).toEqual({ items: [1, 2, 3] });
  });

  it('starts with nothing selected when sel is missing or unreadable, and ignores a type without it', () => {
    expect(decodeViewQuery('?sel=abc&type=1')).not.toHaveProperty('selection');
    expect(decodeViewQuery('?type=1')).not.toHaveProperty('sampleType');
    expect(decodeViewQuery('?sel=7&type=x')).toEqual(expect.objectContaining({ selection: { items: [7] } }));
    expect(decodeViewQuery('?sel=7&type=x')).not.toHaveProperty('sampleType');
  });
});
