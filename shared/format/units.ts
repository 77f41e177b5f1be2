/**
 * Human-readable values for the renderer and the CLI, by profile.proto unit
 * name ("nanoseconds", "bytes", "count", ...).
 *
 * - Times scale to ns, µs, ms, s or min; bytes to B, KiB, MiB, GiB, TiB
 *   (powers of 1024, as pprof's "MB" really are). Scaled values keep three
 *   significant digits without trailing zeros: "1.5 ms", "13.6 s", "512 B".
 * - Counts (and unknown units) are exact, with thousands grouped by commas:
 *   "1,234,567" (then the unit name, if it is not "count"). Exact because a
 *   count is what a user compares with other tools' output; grouping is fixed
 *   (not the locale's) so CLI output is the same on every machine.
 */

const TIME_UNITS_NS: Record<string, number> = {
  nanoseconds: 1,
  nanosecond: 1,
  ns: 1,
  microseconds: 1e3,
  microsecond: 1e3,
  us: 1e3,
  µs: 1e3,
  milliseconds: 1e6,
  millisecond: 1e6,
  ms: 1e6,
  seconds: 1e9,
  second: 1e9,
  s: 1e9,
};

const TIME_SCALE: [number, string][] = [
  [60e9, 'min'],
  [1e9, 's'],
  [1e6, 'ms'],
  [1e3, 'µs'],
  [1, 'ns'],
];

const BYTE_SCALE: [number, string][] = [
  [1024 ** 4, 'TiB'],
  [1024 ** 3, 'GiB'],
  [1024 ** 2, 'MiB'],
  [1024, 'KiB'],
  [1, 'B'],
];

export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return String(value);
  const sign = value < 0 ? '-' : '';
  const magnitude = Math.abs(value);
  const key = unit.toLowerCase();
  const nsPerUnit = TIME_UNITS_NS[key];
  if (nsPerUnit !== undefined) return sign + scaled(magnitude * nsPerUnit, TIME_SCALE);
  if (key === 'bytes' || key === 'byte' || key === 'b') return sign + scaled(magnitude, BYTE_SCALE);
  const count = sign + groupThousands(magnitude);
  return key === 'count' || key === '' ? count : `${count} ${unit}`;
}

/** A fraction (0.25) as a percentage with at most one decimal: "25%", "36.8%", "<0.1%" for tiny non-zero shares. */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return String(fraction);
  const percent = fraction * 100;
  if (percent !== 0 && Math.abs(percent) < 0.05) return percent < 0 ? '>-0.1%' : '<0.1%';
  return `${trimZeros(percent.toFixed(1))}%`;
}

/** Picks the largest unit the value reaches, then three significant digits. */
function scaled(magnitude: number, scale: [number, string][]): string {
  for (let i = 0; i < scale.length; i++) {
    const [factor, name] = scale[i] as [number, string];
    if (magnitude < factor && i < scale.length - 1) continue;
    const digits = significant(magnitude / factor);
    // Rounding can carry into the next unit (999.96 µs -> "1000 µs"); show "1 ms" instead.
    const larger = scale[i - 1];
    if (larger && Number(digits) * factor >= larger[0]) return `${significant(magnitude / larger[0])} ${larger[1]}`;
    return `${digits} ${name}`;
  }
  return `${magnitude}`;
}

function significant(value: number): string {
  if (value >= 1000) return groupThousands(Math.round(value));
  if (value === 0) return '0';
  return trimZeros(value.toPrecision(3));
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** "1234567.891" -> "1,234,567.89": integers exact, fractions to two decimals. */
function groupThousands(magnitude: number): string {
  const fixed = Number.isInteger(magnitude) ? magnitude.toFixed(0) : trimZeros(magnitude.toFixed(2));
  const [whole = '0', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
