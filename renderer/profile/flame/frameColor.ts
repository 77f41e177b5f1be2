/**
 * Frame colours, picked by a hash so a function or package keeps its colour
 * across redraws, zooms and profiles. Two schemes: a warm hue per function (the
 * classic flame graph look), and a hue per package across the whole wheel, so
 * frames of one package read as one block and the legend can name them. Each has
 * a light and a dark variant: dark-theme frames are darker, with light labels.
 */

/** 32-bit FNV-1a over UTF-16 code units: cheap, stable, and spreads similar names apart. */
export function hashName(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Red through orange to yellow, with saturation and lightness varied a little by the hash. */
export function warmColor(name: string, dark = false): string {
  const hash = hashName(name);
  const hue = hash % 55;
  const saturation = 70 + ((hash >>> 8) % 25);
  const lightness = (dark ? 34 : 52) + ((hash >>> 16) % 14);
  return `hsl(${hue}, ${saturation}%, ${lightness}%)`;
}

/**
 * A package's colour as `#rrggbb`: any hue, with saturation and lightness in a band
 * that keeps labels readable. Hex rather than hsl() so the canvas and the legend's
 * swatches hold the very same bytes.
 */
export function packageColor(pkg: string, dark = false): string {
  if (pkg === '') return dark ? NO_PACKAGE_COLOR.dark : NO_PACKAGE_COLOR.light;
  const hash = hashName(pkg);
  const hue = hash % 360;
  const saturation = 45 + ((hash >>> 9) % 25);
  const lightness = (dark ? 32 : 64) + ((hash >>> 17) % 10);
  return hslToHex(hue, saturation, lightness);
}

/** Frames whose package is unknown: a neutral grey, apart from every hashed hue. */
export const NO_PACKAGE_COLOR = { light: '#c4c4c4', dark: '#4f5358' } as const;

/** CSS Color 4's HSL to sRGB conversion, rounded to 8 bits per channel. */
export function hslToHex(hue: number, saturationPercent: number, lightnessPercent: number): string {
  const s = saturationPercent / 100;
  const l = lightnessPercent / 100;
  const channel = (n: number): string => {
    const k = (n + hue / 30) % 12;
    const a = s * Math.min(l, 1 - l);
    const value = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}
