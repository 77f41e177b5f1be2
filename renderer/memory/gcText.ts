/** How GC numbers read on the GC tab: a change point's label, rates, a window's span. Pure, unit-tested. */
import type { GcChange } from '../../shared/ipc/memory-contract';

/** Up to three significant digits, at least one decimal below 10 ("0.2", "5.0", "12", "400"). */
export function rateText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) < 10) return value.toFixed(1);
  return String(Math.round(value));
}

/** "GC/s 0.2 → 5.0", "alloc MB/s 12 → 400", "pause ms 1.2 → 8.0": a change point's measure and both levels. */
export function changeLabel(change: Pick<GcChange, 'measure' | 'before' | 'after'>): string {
  switch (change.measure) {
    case 'frequency':
      return `GC/s ${rateText(change.before)} → ${rateText(change.after)}`;
    case 'allocation-rate':
      return `alloc MB/s ${rateText(change.before / 1e6)} → ${rateText(change.after / 1e6)}`;
    case 'pause':
      return `pause ms ${rateText(change.before)} → ${rateText(change.after)}`;
  }
}
