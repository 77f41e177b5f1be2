import { describe, expect, it } from 'vitest';
import { hashName, warmColor } from './frameColor';

describe('warmColor', () => {
  it('is stable for a name', () => {
    expect(warmColor('main.main')).toBe(warmColor('main.main'));
    expect(hashName('')).toBe(0x811c9dc5);
  });

  it('stays in the red-to-yellow hues', () => {
    for (const name of ['a', 'b', 'runtime.mallocgc', '<script>', 'x'.repeat(300)]) {
      const hue = Number(/^hsl\((\d+),/.exec(warmColor(name))?.[1]);
      expect(hue).toBeGreaterThanOrEqual(0);
      expect(hue).toBeLessThan(55);
    }
  });
});
