/**
 * The diff flame graph's colours: a frame whose total grew is warm, one that shrank is cool, the hue's strength
 * the size of its change against the largest change in view; a change that is only sampling noise is grey. Two
 * palettes: blue–orange (told apart in every common colour-vision deficiency) and the classic green–red.
 */
import type { DiffFlameTree } from '../../shared/ipc/contract';

export type DiffPalette = 'blue-orange' | 'green-red';
export const DIFF_PALETTES: readonly DiffPalette[] = ['blue-orange', 'green-red'];

const HUES: Record<DiffPalette, { more: number; less: number }> = {
  'blue-orange': { more: 24, less: 212 },
  'green-red': { more: 0, less: 120 },
};

/** Per node of `tree`, its colour (the root too, which the graph draws as the whole). */
export function diffNodeColors(tree: DiffFlameTree, palette: DiffPalette, dark: boolean): string[] {
  let largest = 0;
  for (let i = 1; i < tree.func.length; i++) {
    largest = Math.max(largest, Math.abs((tree.targetTotal[i] as number) - (tree.baseTotal[i] as number)));
  }
  const neutral = dark ? 'hsl(0 0% 32%)' : 'hsl(0 0% 86%)';
  const { more, less } = HUES[palette];
  return tree.func.map((_, i) => {
    const delta = (tree.targetTotal[i] as number) - (tree.baseTotal[i] as number);
    if (tree.significant[i] === false || delta === 0 || largest === 0) return neutral;
    const strength = Math.sqrt(Math.min(1, Math.abs(delta) / largest));
    const lightness = dark ? 30 + 20 * strength : 88 - 38 * strength;
    return `hsl(${delta > 0 ? more : less} ${Math.round(45 + 40 * strength)}% ${Math.round(lightness)}%)`;
  });
}
