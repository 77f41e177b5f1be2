import { describe, expect, it } from 'vitest';
import { itemSummary } from '../../test/fixtures/item-summary';
import { comparableLabels, labelSides } from './labelSides';

describe('comparing two label values', () => {
  it('offers the keys with two values or more, the value first captured first', () => {
    // Newest first, as the catalogue lists them.
    const items = [
      itemSummary({ id: 3, capturedAtMs: 3_000, labels: { version: 'v1', build_id: 'x' } }),
      itemSummary({ id: 2, capturedAtMs: 2_000, labels: { version: 'v10', host: 'a' } }),
      itemSummary({ id: 1, capturedAtMs: 1_000, labels: { version: 'v1', host: 'a' } }),
    ];
    expect(comparableLabels(items)).toEqual([{ key: 'version', values: ['v1', 'v10'] }]);
  });

  it("narrows the window to each value, keeping the window's other labels", () => {
    const window = { service: 'api', window: { startMs: 1, endMs: 2 }, labels: [{ key: 'host', value: 'a' }] };
    expect(labelSides(window, 'version', 'v1', 'v2')).toEqual({
      base: {
        ...window,
        labels: [
          { key: 'host', value: 'a' },
          { key: 'version', value: 'v1' },
        ],
      },
      target: {
        ...window,
        labels: [
          { key: 'host', value: 'a' },
          { key: 'version', value: 'v2' },
        ],
      },
    });
  });
});
