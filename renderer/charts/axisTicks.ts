/**
 * Tick marks for the GC chart's axes: round numbers a reader can interpolate
 * between. Value axes start at zero (a bar's height is only honest from zero);
 * the time axis spans the log's events.
 */
import { formatValue } from '../../shared/format/units';

export interface AxisTicks {
  /** Top of the axis: the first tick at or above the data's maximum. */
  max: number;
  step: number;
  /** 0, step, 2·step … max. */
  values: number[];
}

/** The smallest of 1, 2, 5 × 10ⁿ that is at least `raw`. */
export function niceStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  const factor = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10;
  return factor * magnitude;
}

/** Decimal places that print every multiple of `step` exactly (steps are 1, 2 or 5 × 10ⁿ). */
export function decimalsFor(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/** About `count` intervals from 0 to at least `dataMax`. An empty or all-zero series gets the axis 0–1. */
export function zeroBasedTicks(dataMax: number, count: number): AxisTicks {
  const top = dataMax > 0 && Number.isFinite(dataMax) ? dataMax : 1;
  const step = niceStep(top / Math.max(1, count));
  const intervals = Math.max(1, Math.ceil(top / step - 1e-9));
  // Multiples of a decimal step pick up binary noise (3 × 0.1 = 0.30000000000000004): round it away.
  const decimals = decimalsFor(step);
  const values = Array.from({ length: intervals + 1 }, (_, i) => Number((i * step).toFixed(decimals)));
  return { max: values[values.length - 1] ?? step, step, values };
}

const BINARY_UNITS = [1024 ** 4, 1024 ** 3, 1024 ** 2, 1024, 1];

/**
 * Byte ticks at round numbers of the largest binary unit the maximum reaches
 * (0, 100, 200, 300 MiB rather than 0, 100,000,000 … bytes), so the labels
 * formatValue prints are round too.
 */
export function byteTicks(dataMax: number, count: number): AxisTicks {
  const unit = BINARY_UNITS.find((u) => dataMax >= u) ?? 1;
  const inUnit = zeroBasedTicks(dataMax / unit, count);
  return { max: inUnit.max * unit, step: inUnit.step * unit, values: inUnit.values.map((v) => v * unit) };
}

export function formatByteTick(bytes: number): string {
  return formatValue(bytes, 'bytes');
}

/** A pause-axis label: always milliseconds, with the step's decimals ("0.05 ms", "20 ms"). */
export function formatPauseTick(ms: number, step: number): string {
  return `${ms.toFixed(decimalsFor(step))} ms`;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** Steps that read well on a clock, in ms: 1-2-5 below a second, then the divisions of minutes and hours. */
const TIME_STEPS_MS = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
];

export function timeStep(rawMs: number): number {
  if (rawMs <= SECOND) return niceStep(rawMs);
  return TIME_STEPS_MS.find((s) => s >= rawMs) ?? niceStep(rawMs / HOUR) * HOUR;
}

export interface TimeTicks {
  step: number;
  /** Multiples of step within [fromMs, toMs]. */
  values: number[];
}

/** About `count` ticks on the round multiples of a clock step inside [fromMs, toMs]. */
export function timeTicks(fromMs: number, toMs: number, count: number): TimeTicks {
  const span = toMs > fromMs ? toMs - fromMs : 1;
  const step = timeStep(span / Math.max(1, count));
  const decimals = decimalsFor(Math.min(step, 1));
  const values: number[] = [];
  for (let i = Math.ceil(fromMs / step - 1e-9); i * step <= toMs + 1e-9; i++) {
    values.push(Number((i * step).toFixed(decimals)));
  }
  return { step, values };
}

/** A time-axis label in the step's unit, so every label on the axis shares it: "500 ms", "15 s", "2 min", "1 h". */
export function formatTimeTick(ms: number, step: number): string {
  const [size, unit] =
    step < SECOND ? [1, 'ms'] : step < MINUTE ? [SECOND, 's'] : step < HOUR ? [MINUTE, 'min'] : [HOUR, 'h'];
  return `${(ms / size).toFixed(decimalsFor(step / size))} ${unit}`;
}
