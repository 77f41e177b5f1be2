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

/**
 * Per node of `tree`, its colour (the root too, which the graph draws as the whole). A change smaller than `floor`
 * (in the tree's numbers) is grey like noise: the user's "hide changes under 1% of total".
 */
export function diffNodeColors(
  tree: DiffFlameTree,
  palette: DiffPalette,
  dark: boolean,
  floor = 0,
  by: 'total' | 'self' = 'total',
): string[] {
  // By self, a frame is coloured by the change of the time spent in it, not below it.
  const a = by === 'self' ? tree.baseSelf : tree.baseTotal;
  const b = by === 'self' ? tree.targetSelf : tree.targetTotal;
  let largest = 0;
  for (let i = 1; i < tree.func.length; i++) {
    largest = Math.max(largest, Math.abs((b[i] as number) - (a[i] as number)));
  }
  const neutral = dark ? 'hsl(0 0% 32%)' : 'hsl(0 0% 86%)';
  const { more, less } = HUES[palette];
  return tree.func.map((_, i) => {
    const delta = (b[i] as number) - (a[i] as number);
    // Significance is of the total's change; a self change under a noisy total is greyed with it.
    if (tree.significant[i] === false || delta === 0 || largest === 0 || Math.abs(delta) < floor) return neutral;
    const strength = Math.sqrt(Math.min(1, Math.abs(delta) / largest));
    const lightness = dark ? 30 + 20 * strength : 88 - 38 * strength;
    return `hsl(${delta > 0 ? more : less} ${Math.round(45 + 40 * strength)}% ${Math.round(lightness)}%)`;
  });
}

/** One side's frames in the side-by-side view: the side's own colour where it has the frame, dimmed where not. */
export function sideNodeColors(tree: DiffFlameTree, which: 'base' | 'target', dark: boolean): string[] {
  const values = which === 'base' ? tree.baseTotal : tree.targetTotal;
  const has = which === 'base' ? 'hsl(35 80% 62%)' : 'hsl(214 70% 62%)';
  const hasDark = which === 'base' ? 'hsl(35 60% 40%)' : 'hsl(214 50% 42%)';
  const none = dark ? 'hsl(0 0% 20%)' : 'hsl(0 0% 95%)';
  return values.map((v) => (v > 0 ? (dark ? hasDark : has) : none));
}
