/**
 * One side of a comparison as diff.ts reads it, and the arithmetic both the table (diff.ts) and the suspect walk
 * (suspect.ts) share.
 */
import { formatValue } from '../format/units';
import type { DiffMode } from '../ipc/contract';
import type { WeightedStacks } from './weighted-stacks';

/** One side as read: the summed values, and what turns them into the mode's numbers and into sample counts. */
export interface DiffSide {
  stacks: WeightedStacks;
  /** The side's total before filters, as read. */
  total: number;
  /** Samples behind `total` (diff.ts); null when unknown. */
  samples: number | null;
  /** What a value is multiplied by in this mode. */
  valueScale: number;
}

/** A value's samples in its side: value × samples ÷ total, rounded. */
export function samplesOf(side: DiffSide, value: number): number {
  return Math.round((value * (side.samples as number)) / side.total);
}

/** True when both sides' sample counts are known, so changes can be tested. */
export function countable(base: DiffSide, target: DiffSide): boolean {
  return base.samples !== null && target.samples !== null && base.total > 0 && target.total > 0;
}

/**
 * The target's expected part of a function's samples if its scaled value did not change: with s = valueScale and
 * v = value per sample of each side, equal scaled values mean counts in the ratio 1/(s·v), so the target's part is
 * (s_A·v_A) / (s_A·v_A + s_B·v_B). Absolute with equal lengths: ½; normalized: the target's share of all samples.
 */
export function expectedTargetPart(base: DiffSide, target: DiffSide): number {
  const weight = (side: DiffSide): number => side.valueScale * (side.total / (side.samples as number));
  const a = weight(base);
  const b = weight(target);
  return a / (a + b);
}

/** A number in a mode's terms: a share as a percentage, a rate per second, else the unit's own form. */
export function formatModeValue(value: number, unit: string, mode: DiffMode): string {
  if (mode === 'normalized') return `${Number((value * 100).toPrecision(3))}%`;
  return `${formatValue(value, unit)}${mode === 'per-second' ? '/s' : ''}`;
}
