/**
 * Frame colours: a warm hue picked by a hash of the function name, so a function
 * keeps its colour across redraws, zooms and profiles.
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
export function warmColor(name: string): string {
  const hash = hashName(name);
  const hue = hash % 55;
  const saturation = 70 + ((hash >>> 8) % 25);
  const lightness = 52 + ((hash >>> 16) % 14);
  return `hsl(${hue}, ${saturation}%, ${lightness}%)`;
}
