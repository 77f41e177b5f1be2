/**
 * The memory views' numbers as text: a value with its exact count beside the rounded one (a reader compares it with
 * `go tool pprof` or `kiln leaks --json`), a slope per minute, a share, R², a capture's time. Pure, unit-tested.
 */
import { formatPercent, formatValue } from '../../shared/format/units';
import type { GrowthVerdict } from '../../shared/ipc/memory-contract';

/** "12.3 MiB (12,901,234 B)"; counts and unknown units are exact already. */
export function exactValue(value: number, unit: string): string {
  const rounded = formatValue(value, unit);
  // Sampled estimates and noise bands carry fractions of a byte: the exact figure is whole bytes.
  const exact = formatValue(Math.round(value), 'count');
  const isBytes = /^(bytes?|b)$/i.test(unit);
  return isBytes && rounded !== `${exact} B` ? `${rounded} (${exact} B)` : rounded;
}

/** A per-second slope as a signed rate per minute: "+2.1 MiB/min", "−512 B/min", "0/min". */
export function slopePerMinute(slopePerSecond: number, unit: string): string {
  const perMinute = slopePerSecond * 60;
  if (perMinute === 0) return `0 ${unitWord(unit)}/min`;
  const sign = perMinute > 0 ? '+' : '−';
  return `${sign}${formatValue(Math.abs(perMinute), unit)}/min`;
}

function unitWord(unit: string): string {
  return /^(bytes?|b)$/i.test(unit) ? 'B' : '';
}

/** "a of b": the share a value is of a total, "—" when the total is not positive. */
export function shareOf(value: number, total: number): string {
  return total > 0 ? formatPercent(value / total) : '—';
}

export function r2Text(r2: number): string {
  return r2.toFixed(2);
}

/** The verdict as a reader says it. */
export const VERDICT_LABELS: Record<GrowthVerdict, string> = {
  growing: 'growing',
  plateau: 'plateau',
  stable: 'stable',
  shrinking: 'shrinking',
};

/** What each verdict means, for the badge's tooltip (the rule: docs/MEMORY.md). */
export const VERDICT_MEANING: Record<GrowthVerdict, string> = {
  growing: 'Sustained growth beyond sampling noise: a leak candidate',
  plateau: 'Grew, then held within the noise band: bounded, like a cache',
  stable: 'No change beyond sampling noise',
  shrinking: 'Fell beyond sampling noise',
};

/** "1.2 h", "14 min", "40 s": a projection's horizon. */
export function durationText(seconds: number): string {
  if (seconds >= 3600) return `${(seconds / 3600).toFixed(1)} h`;
  if (seconds >= 60) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds)} s`;
}

/** A rate per second with its exact whole bytes: "42.2 MiB/s (44,218,432 B/s)". */
export function rateText(bytesPerSecond: number, unit: string): string {
  const rounded = `${formatValue(bytesPerSecond, unit)}/s`;
  if (!/^(bytes?|b)$/i.test(unit)) return rounded;
  return `${rounded} (${formatValue(Math.round(bytesPerSecond), 'count')} B/s)`;
}

/** A "wrong if" sentence after its "Wrong if:" label: the services' sentences start "wrong if …" themselves. */
export function wrongIfText(sentence: string): string {
  return sentence.replace(/^\s*wrong if\s+/i, '');
}

/** How the allocation timeline speaks of its values: heap in use per capture, or a recording's allocation per window. */
export interface TimelineWords {
  title: string;
  capture: string;
  total: string;
  value: string;
  share: string;
  rate: string;
  legendRate: string;
  /** Whether the rate step `r` is the one to show for a capture starting at `atMs`. */
  rateFor: (r: { fromMs: number; toMs: number }, atMs: number) => boolean;
}

export function timelineWords(sampleType: { type: string }): TimelineWords {
  // A recording's allocation samples cut into windows (getAllocationTimeline): each "capture" is a window's bytes.
  if (sampleType.type.startsWith('alloc')) {
    return {
      title: 'Allocation per window',
      capture: 'Window',
      total: 'Allocated in the window',
      value: 'Allocated',
      share: 'Share of the window’s allocation',
      rate: 'Allocation rate in the window',
      legendRate: 'Allocation rate per window',
      rateFor: (r, atMs) => r.fromMs === atMs,
    };
  }
  return {
    title: 'Heap in use over time',
    capture: 'Capture',
    total: 'Heap in use',
    value: 'In use',
    share: 'Share of heap in use',
    rate: 'Allocation rate since the capture before',
    legendRate: 'Allocation rate between captures',
    rateFor: (r, atMs) => r.toMs === atMs,
  };
}
