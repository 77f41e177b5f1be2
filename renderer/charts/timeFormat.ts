/**
 * Times on the stack chart's axis, range text and tooltip: precise to a
 * resolution (a 1, 2 or 5 × 10ⁿ ns step), in the largest unit that needs at
 * most three decimals for it, so neighbouring ticks always read differently
 * ("6.021 s", "6.022 s"), which three significant digits would not.
 */
import { decimalsFor, niceStep } from './axisTicks';

const UNITS: [number, string][] = [
  [1e9, 's'],
  [1e6, 'ms'],
  [1e3, 'µs'],
  [1, 'ns'],
];

export function formatTime(timeNs: number, resolutionNs: number): string {
  // Nothing is timed finer than a nanosecond.
  const resolution = resolutionNs >= 1 && Number.isFinite(resolutionNs) ? resolutionNs : 1;
  const [factor, name] = UNITS.find(([f]) => resolution / f >= 0.001) ?? [1, 'ns'];
  const fixed = (timeNs / factor).toFixed(Math.min(3, decimalsFor(resolution / factor)));
  const [whole = '0', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fraction === undefined ? grouped : `${grouped}.${fraction}`} ${name}`;
}

/** The resolution to print the ends of a visible range of `spanNs` with: a thousandth of it, rounded to a nice step. */
export function rangeResolution(spanNs: number): number {
  return spanNs > 0 ? niceStep(spanNs / 1000) : 1;
}
