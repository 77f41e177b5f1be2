import { describe, expect, it } from 'vitest';
import {
  decodeViewQuery,
  encodeViewUrl,
  filterChipLabel,
  filterKindLabel,
  labelFilterFromForm,
  type UrlViewState,
} from './viewUrl';

const BASE = 'http://127.0.0.1:7000/';

describe('label and line filters in the URL and on chips', () => {
  it('round-trips label chips and merging by line through the page URL', () => {
    const state: UrlViewState = {
      filters: [
        { kind: 'label', key: 'endpoint', value: '/api/users?id=1&x=#a b' },
        { kind: 'lines' },
        { kind: 'label', key: 'span id', value: 'Größe;✓' },
      ],
      viewMode: 'inverted',
      sandwichFunction: 'main.work:42',
    };
    const href = encodeViewUrl(BASE, state);
    expect(new URL(href).search).toBe(
      '?filters=label:endpoint=/api/users?id%3D1%26x%3D%23a%20b;lines;label:span%20id=Gr%C3%B6%C3%9Fe%3B%E2%9C%93' +
        '&view=inverted&fn=main.work%3A42',
    );
    expect(decodeViewQuery(new URL(href).search)).toEqual(state);
    // A hand-written URL may escape "/" too.
    expect(decodeViewQuery('?filters=label:endpoint=%2Fapi').filters).toEqual([
      { kind: 'label', key: 'endpoint', value: '/api' },
    ]);
  });

  it('labels the chips', () => {
    expect(filterChipLabel({ kind: 'label', key: 'endpoint', value: '/api/users' })).toBe(
      'Label: endpoint = /api/users',
    );
    expect(filterChipLabel({ kind: 'lines' })).toBe('Merge by: function + line');
    expect(filterKindLabel('label')).toBe('Label');
  });

  it('builds a label filter from the add form only with a key and a value, kept exactly', () => {
    expect(labelFilterFromForm('endpoint', ' /a ')).toEqual({ kind: 'label', key: 'endpoint', value: ' /a ' });
    expect(labelFilterFromForm('endpoint', '')).toBeNull();
    expect(labelFilterFromForm('', '/a')).toBeNull();
  });
});
