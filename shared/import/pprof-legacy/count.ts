/**
 * Go's count profiles in the legacy text format: runtime/pprof goroutine and
 * threadcreate profiles at debug=1 (and any other "<name> profile: total N").
 *
 *   goroutine profile: total 4
 *   3 @ 0x4378b6 0x40619b 0x405cd8 0x4b565b 0x4614e1
 *   # labels: {"worker":"parked"}
 *   #	0x4b565a	main.parked+0x1a	/src/main.go:64
 *
 * Facts from google/pprof profile/legacy_profile.go (parseGoCount) and Go's
 * runtime/pprof printCountProfile:
 * - The header names the one sample type, "<name>/count"; period 1 of the
 *   same type.
 * - Each stack line is "count @ addresses"; pprof stops at a line starting
 *   with "---" and moves every address back by one.
 * - Goroutine stacks with pprof labels carry a "# labels: {"k":"v", ...}"
 *   line (Go %q-quoted keys and values); pprof ignores it, Kiln keeps the
 *   labels as string labels of the sample.
 * - Deviation: Go's threadcreate profile records no stacks (golang/go#6104)
 *   and writes "5 @" with no addresses, which pprof refuses as malformed.
 *   Kiln keeps such counts under a "(no stack)" frame.
 */
import { fail } from '../errors';
import type { ImportLimits } from '../limits';
import { quoteLine, type LineReader } from '../line-reader';
import { hexAddresses, previousAddress, readMemoryMap } from './addresses';
import {
  addLegacySample,
  emptyLegacyProfile,
  parseInt64,
  type LegacyLabel,
  type LegacyProfile,
  type LegacySample,
} from './build';
import { GoSymbolCollector } from './symbols';

export const COUNT_HEADER = /^(\S+) profile: total \d+$/;
const COUNT_SAMPLE = /^(\d+) @((?: 0x[0-9a-f]+)*)$/;
const LABELS = /^#\s*labels:\s*\{(.*)\}\s*$/;
const QUOTED_PAIR = /"((?:[^"\\]|\\.)*)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

export function parseCountProfile(reader: LineReader, header: string, limits: ImportLimits): LegacyProfile {
  const m = COUNT_HEADER.exec(header.trim());
  if (!m) fail(`not a count profile header: ${quoteLine(header)}`);
  const name = m[1] as string;
  const profile = emptyLegacyProfile([{ type: name, unit: 'count' }]);
  profile.periodType = { type: name, unit: 'count' };
  profile.period = 1;

  const symbols = new GoSymbolCollector(profile.symbols);
  let last: LegacySample | null = null;
  let line = reader.next();
  for (; line !== null; line = reader.next()) {
    const trimmed = line.trim();
    if (trimmed.startsWith('#')) {
      const labels = LABELS.exec(trimmed);
      if (labels && last) last.labels.push(...parseGoLabels(labels[1] as string));
      else symbols.add(trimmed);
      continue;
    }
    if (trimmed === '') continue;
    if (trimmed.startsWith('---')) break;
    const sample = COUNT_SAMPLE.exec(trimmed);
    if (!sample) fail(`line ${reader.lineNumber}: not a "count @ addresses" line: ${quoteLine(trimmed)}`);
    const count = parseInt64(sample[1] as string);
    if (count === null) fail(`line ${reader.lineNumber}: count out of range`);
    const raw = hexAddresses(sample[2] as string);
    if (raw === null) fail(`line ${reader.lineNumber}: an address does not fit in 64 bits`);
    last = addLegacySample(profile, limits, [count], raw.map(previousAddress));
    symbols.startStack();
  }
  profile.mappings = readMemoryMap(reader, line);
  return profile;
}

/** `"a":"b", "c":"d"` (Go's labelMap.String() between the braces) as string labels. */
export function parseGoLabels(text: string): LegacyLabel[] {
  const labels: LegacyLabel[] = [];
  for (const match of text.matchAll(QUOTED_PAIR)) {
    const key = unquoteGo(match[1] as string);
    if (key !== '') labels.push({ key, str: unquoteGo(match[2] as string) });
  }
  return labels;
}

/** The contents of a Go %q string: JSON's escapes cover what Go writes for printable text. */
function unquoteGo(body: string): string {
  try {
    const value: unknown = JSON.parse(`"${body}"`);
    return typeof value === 'string' ? value : body;
  } catch {
    return body;
  }
}
