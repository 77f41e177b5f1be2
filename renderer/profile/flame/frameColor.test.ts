import { describe, expect, it } from 'vitest';
import { NO_PACKAGE_COLOR, hashName, hslToHex, packageColor, warmColor } from './frameColor';

/** Hue (degrees), saturation and lightness (0..1) of a #rrggbb colour. */
function hsl(hex: string): { h: number; s: number; l: number } {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  const s = d === 0 ? 0 : d / (1 - Math.abs(2 * l - 1));
  const h =
    d === 0
      ? 0
      : max === r
        ? 60 * (((g - b) / d + 6) % 6)
        : max === g
          ? 60 * ((b - r) / d + 2)
          : 60 * ((r - g) / d + 4);
  return { h, s, l };
}

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

  it('is darker in the dark theme, with the same hue', () => {
    const [, lightHue, , lightL] = /^hsl\((\d+), (\d+)%, (\d+)%\)$/.exec(warmColor('runtime.mallocgc')) ?? [];
    const [, darkHue, , darkL] = /^hsl\((\d+), (\d+)%, (\d+)%\)$/.exec(warmColor('runtime.mallocgc', true)) ?? [];
    expect(darkHue).toBe(lightHue);
    expect(Number(lightL) - Number(darkL)).toBe(18);
  });
});

describe('hslToHex', () => {
  it('converts as CSS does', () => {
    expect(hslToHex(0, 100, 50)).toBe('#ff0000');
    expect(hslToHex(120, 100, 25)).toBe('#008000');
    expect(hslToHex(210, 50, 60)).toBe('#6699cc');
    expect(hslToHex(0, 0, 100)).toBe('#ffffff');
  });
});

describe('packageColor', () => {
  const packages = ['net/http', 'runtime', 'com.example', 'express', 'mozilla', 'libc-2.31.so', 'main'];

  it('is a stable #rrggbb colour per package', () => {
    for (const pkg of packages) {
      expect(packageColor(pkg)).toMatch(/^#[0-9a-f]{6}$/);
      expect(packageColor(pkg)).toBe(packageColor(pkg));
    }
    expect(new Set(packages.map((p) => packageColor(p))).size).toBe(packages.length);
  });

  it('keeps lightness in a band where labels stay readable, darker in the dark theme', () => {
    for (const pkg of packages) {
      const light = hsl(packageColor(pkg));
      const dark = hsl(packageColor(pkg, true));
      expect(light.l).toBeGreaterThan(0.6);
      expect(light.l).toBeLessThan(0.76);
      expect(dark.l).toBeGreaterThan(0.28);
      expect(dark.l).toBeLessThan(0.44);
      expect(Math.abs(light.h - dark.h)).toBeLessThan(3);
    }
  });

  it('greys out frames of no package', () => {
    expect(packageColor('')).toBe(NO_PACKAGE_COLOR.light);
    expect(packageColor('', true)).toBe(NO_PACKAGE_COLOR.dark);
  });
});
