/**
 * Lock contention profiles in pprof's legacy text format: gperftools
 * "--- contentionz 1 ---" and Go's runtime/pprof mutex ("--- mutex:") and
 * block ("--- contention:") profiles at debug=1.
 *
 *   --- mutex:
 *   cycles/second=2793449322
 *   sampling period=1
 *   767296851 199 @ 0x4b5599 0x4b5577 0x4b5d59 0x4614e1
 *   #	0x4b5598	sync.(*Mutex).Unlock+0x98	/usr/lib/go/src/sync/mutex.go:223
 *
 * Facts from google/pprof profile/legacy_profile.go (parseContention,
 * parseContentionSample):
 * - "key = value" attributes follow the header: "cycles/second",
 *   "sampling period" (default 1), "ms since reset" (the duration),
 *   "discarded samples". "format" and "resolution" mark a Java agent's file
 *   (pprof__java.contention), read by pprof-legacy-java.ts. Any other key
 *   makes the file one pprof does not read.
 * - Sample lines are "delay count @ addresses", delay in cycles. Values
 *   become [count * period, delay * period / (cycles/second / 1e9)]: the
 *   types are contentions/count and delay/nanoseconds; without a
 *   cycles/second attribute the delay stays in cycles (as pprof leaves it).
 * - The period type is contentions/count; addresses are return addresses.
 */
import { fail } from '../errors';
import type { ImportLimits } from '../limits';
import { quoteLine, type LineReader } from '../line-reader';
import { hexAddresses, previousAddress, readMemoryMap } from './addresses';
import { addLegacySample, emptyLegacyProfile, parseInt64, parseInt64Base0, type LegacyProfile } from './build';
import { GoSymbolCollector } from './symbols';

const CONTENTION_SAMPLE = /(\d+) *(\d+) @([ x0-9a-f]*)/;

export function isContentionHeader(line: string): boolean {
  return line.startsWith('--- contentionz ') || line.startsWith('--- mutex:') || line.startsWith('--- contention:');
}

/** Whether the attribute lines after a "--- contentionz" header name a Java agent's profile. */
export function isJavaAttribute(line: string): boolean {
  const key = line.split('=', 1)[0]?.trim();
  return line.includes('=') && (key === 'format' || key === 'resolution');
}

export function parseContentionProfile(reader: LineReader, limits: ImportLimits): LegacyProfile {
  const profile = emptyLegacyProfile([
    { type: 'contentions', unit: 'count' },
    { type: 'delay', unit: 'nanoseconds' },
  ]);
  profile.periodType = { type: 'contentions', unit: 'count' };
  let period = 1;
  let cyclesPerSecond = 0;

  let line = reader.next();
  for (; line !== null; line = reader.next()) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (trimmed.startsWith('---')) break;
    const equals = trimmed.indexOf('=');
    if (equals < 0) break; // the first sample line
    const key = trimmed.slice(0, equals).trim();
    const text = trimmed.slice(equals + 1).trim();
    const value = parseInt64Base0(text);
    const where = `line ${reader.lineNumber}`;
    switch (key) {
      case 'cycles/second':
        if (value === null) fail(`${where}: cycles/second is not an integer: ${quoteLine(text)}`);
        cyclesPerSecond = value;
        break;
      case 'sampling period':
        if (value === null) fail(`${where}: sampling period is not an integer: ${quoteLine(text)}`);
        period = value;
        break;
      case 'ms since reset':
        if (value === null) fail(`${where}: ms since reset is not an integer: ${quoteLine(text)}`);
        profile.durationNs = value * 1_000_000;
        break;
      case 'discarded samples':
        break;
      default:
        fail(`${where}: unknown contention profile attribute ${quoteLine(key)}`);
    }
  }
  profile.period = period;

  const symbols = new GoSymbolCollector(profile.symbols);
  for (; line !== null; line = reader.next()) {
    const trimmed = line.trim();
    if (trimmed.startsWith('---')) break;
    if (trimmed.startsWith('#')) {
      symbols.add(trimmed);
      continue;
    }
    if (trimmed === '') continue;
    const where = `line ${reader.lineNumber}`;
    const m = CONTENTION_SAMPLE.exec(trimmed);
    if (!m) fail(`${where}: not a contention profile sample: ${quoteLine(trimmed)}`);
    let delay = parseInt64(m[1] as string);
    let count = parseInt64(m[2] as string);
    if (delay === null || count === null) return fail(`${where}: delay or count out of range`);
    // Unsample: counts by the period; delays from cycles to nanoseconds, in
    // pprof's order of floating-point operations so that results agree.
    if (period > 0) {
      if (cyclesPerSecond > 0) {
        const cyclesPerNanosecond = cyclesPerSecond / 1e9;
        delay = Math.trunc((delay * period) / cyclesPerNanosecond);
      }
      count = count * period;
    }
    const raw = hexAddresses(m[3] as string);
    if (raw === null) fail(`${where}: an address does not fit in 64 bits`);
    addLegacySample(profile, limits, [count, delay], raw.map(previousAddress));
    symbols.startStack();
  }
  profile.mappings = readMemoryMap(reader, line);
  return profile;
}
