/**
 * Java agents' heap and contention profiles in pprof's legacy text format.
 *
 *   --- heapz 1 ---
 *   format = java
 *   resolution = bytes
 *            7048     1 @ 0x00000003 0x00000004
 *
 *    0x00000003 com.example.function003 (Source003.java:103)
 *
 * Facts from google/pprof profile/legacy_java_profile.go (parseJavaProfile,
 * parseJavaHeader, parseJavaSamples, parseJavaLocations):
 * - The header is exactly "--- heapz 1 ---" or "--- contentionz 1 ---",
 *   followed by "key = value" attributes: format (must be "java"),
 *   resolution (the unit of the second sample type), and for contention
 *   "sampling period" and "ms since reset".
 * - Sample lines are "value1 value2 @ ids": the second number is the count,
 *   the first the bytes or delay. Heap types are inuse_objects/count and
 *   inuse_space/<resolution>, unsampled at Java's fixed rate of 524288
 *   bytes, with the numeric label "bytes" = bytes / count; a count of 0 is
 *   malformed. Contention types are contentions/count and
 *   delay/<resolution>, both multiplied by the sampling period.
 * - The "addresses" are ids (never adjusted) of the symbol lines at the end;
 *   pprof drops them once the frames are named.
 * - Deviation: pprof leaves sample types unset without a "resolution"
 *   attribute and then rejects the profile; Kiln says so.
 */
import { fail } from '../errors';
import type { ImportLimits } from '../limits';
import { quoteLine, type LineReader } from '../line-reader';
import { hexAddresses } from './addresses';
import { addLegacySample, emptyLegacyProfile, parseInt64Base0, type LegacyProfile } from './build';
import { scaleHeapSample } from './heap';
import { addSymbol, parseJavaSymbolLine } from './symbols';

const ATTRIBUTE = /([\w ]+)=([\w ]+)/;
const JAVA_SAMPLE = / *(\d+) +(\d+) +@ +([ x0-9a-f]*)/;
const JAVA_HEAP_SAMPLING_RATE = 524288;

export function isJavaHeader(line: string): boolean {
  const header = line.trim();
  return header === '--- heapz 1 ---' || header === '--- contentionz 1 ---';
}

export function parseJavaProfile(reader: LineReader, header: string, limits: ImportLimits): LegacyProfile {
  const kind = header.trim() === '--- heapz 1 ---' ? 'heap' : 'contention';
  const profile = emptyLegacyProfile([]);
  let resolution: string | null = null;
  let period = 0;

  let line = reader.next();
  for (; line !== null; line = reader.next()) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const m = ATTRIBUTE.exec(trimmed);
    if (!m) break;
    const key = (m[1] as string).trim();
    const value = (m[2] as string).trim();
    const where = `line ${reader.lineNumber}`;
    if (key === 'format') {
      if (value !== 'java') fail(`${where}: Java profile format is "${value}", expected "java"`);
    } else if (key === 'resolution') {
      resolution = value;
    } else if (kind === 'contention' && key === 'sampling period') {
      const n = parseInt64Base0(value);
      if (n === null) fail(`${where}: sampling period is not an integer: ${quoteLine(value)}`);
      period = n;
      profile.periodType = { type: 'contentions', unit: 'count' };
      profile.period = n;
    } else if (kind === 'contention' && key === 'ms since reset') {
      const n = parseInt64Base0(value);
      if (n === null) fail(`${where}: ms since reset is not an integer: ${quoteLine(value)}`);
      profile.durationNs = n * 1_000_000;
    } else {
      fail(`${where}: unknown Java ${kind} profile attribute ${quoteLine(key)}`);
    }
  }
  if (resolution === null) fail(`Java ${kind} profile has no "resolution" attribute, so its unit is unknown`);
  profile.sampleTypes =
    kind === 'heap'
      ? [
          { type: 'inuse_objects', unit: 'count' },
          { type: 'inuse_space', unit: resolution },
        ]
      : [
          { type: 'contentions', unit: 'count' },
          { type: 'delay', unit: resolution },
        ];
  profile.addressesAreIds = true;

  for (; line !== null; line = reader.next()) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const m = JAVA_SAMPLE.exec(trimmed);
    if (!m) break;
    const where = `line ${reader.lineNumber}`;
    let count = parseInt64Base0(m[2] as string);
    let amount = parseInt64Base0(m[1] as string);
    if (count === null || amount === null) return fail(`${where}: sample value out of range`);
    const ids = hexAddresses(m[3] as string);
    if (ids === null) fail(`${where}: an id does not fit in 64 bits`);
    if (kind === 'heap') {
      if (count === 0) fail(`${where}: Java heap sample has a count of 0`);
      const blockSize = Math.trunc(amount / count);
      [count, amount] = scaleHeapSample(count, amount, JAVA_HEAP_SAMPLING_RATE);
      addLegacySample(profile, limits, [count, amount], ids, [{ key: 'bytes', num: blockSize, unit: 'bytes' }]);
    } else {
      if (period !== 0) {
        count *= period;
        amount *= period;
      }
      addLegacySample(profile, limits, [count, amount], ids);
    }
  }

  // The rest of the file names the ids.
  for (; line !== null; line = reader.next()) {
    const symbol = parseJavaSymbolLine(line);
    if (symbol) addSymbol(profile.symbols, symbol[0], symbol[1], 0);
  }
  return profile;
}
