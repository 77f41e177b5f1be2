/**
 * The allocation timeline's band colours: eight hues of medium lightness (Tableau 10's), each readable as a fill on
 * the light and the dark panel alike, and a neutral grey for "other", so the top functions stand out from the rest.
 * The legend, the tooltip's swatches and the canvas share them.
 */
const BAND_COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7'] as const;
export const OTHER_COLOR = '#8c8c8c';

/** Colour of band `index` of `count` (the last band is "other"). */
export function bandColor(index: number, count: number): string {
  if (index === count - 1) return OTHER_COLOR;
  return BAND_COLORS[index % BAND_COLORS.length] as string;
}
