/**
 * Heap profiles in pprof's legacy text format: gperftools heapz/growthz and
 * Go's runtime/pprof heap and allocs profiles at debug=1.
 *
 *   heap profile: 27: 1638896 [44: 1643808] @ heap/1048576
 *   25: 1638400 [25: 1638400] @ 0x4b5371 0x4b5765 0x4374f2 0x4614e1
 *   #	0x4b5370	main.allocLarge+0x50	/src/main.go:29
 *
 * Facts from google/pprof profile/legacy_profile.go (parseHeap,
 * parseHeapHeader, parseHeapSample, scaleHeapSample):
 * - Each line is "inuse_count: inuse_bytes [alloc_count: alloc_bytes] @ addresses".
 * - The header's sampling scheme: "heapz_v2/R" and "heap_v2/R" sample with
 *   average rate R; Go writes "heap/2R" (twice MemProfileRate), so R is half
 *   the number; "heapprofile" is unsampled; "growthz" and "fragmentationz"
 *   headers are unsampled. Any other scheme is not a profile pprof reads.
 * - When the header's alloc pair differs from its in-use pair (and is not 0),
 *   the types are alloc_objects, alloc_space, inuse_objects, inuse_space,
 *   alloc first so that pprof's default (the last type) is inuse_space;
 *   otherwise objects and space from the in-use pair alone.
 * - Sampled pairs are unsampled: a sample of average size S = bytes/count was
 *   recorded with probability 1 - e^(-S/R), so count and bytes are divided by
 *   it, then truncated to integers. A zero count or size gives 0, 0.
 * - Each sample gets the numeric label "bytes" = bytes / count (the in-use
 *   pair's, else the alloc pair's), before unsampling.
 * - A pair with count 0 and size not 0 makes the profile malformed.
 * - The period type is space/bytes, the period R (1 when unsampled).
 */
import { fail } from '../errors';
import type { ImportLimits } from '../limits';
import { quoteLine, type LineReader } from '../line-reader';
import { hexAddresses, isMemoryMapSentinel, previousAddress, readMemoryMap } from './addresses';
import { addLegacySample, emptyLegacyProfile, parseInt64, type LegacyProfile } from './build';
import { GoSymbolCollector } from './symbols';

const HEAP_HEADER = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@ *(heap[_a-z0-9]*)\/?(\d*)/;
const GROWTH_HEADER = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ growthz?/;
const FRAGMENTATION_HEADER = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ fragmentationz?/;
const HEAP_SAMPLE = /(-?\d+): *(-?\d+) *\[ *(\d+): *(\d+) *] @([ x0-9a-f]*)/;

/** Whether `line` is a heap profile header pprof accepts. */
export function isHeapHeader(line: string): boolean {
  const m = HEAP_HEADER.exec(line);
  if (m) return samplingOf(m[5] as string) !== null;
  return GROWTH_HEADER.test(line) || FRAGMENTATION_HEADER.test(line);
}

interface Sampling {
  /** Poisson-sampled at an average rate of `period` bytes ("v2"), or unsampled. */
  sampled: boolean;
  /** How the header's number becomes the period. */
  period: (headerNumber: number) => number;
}

function samplingOf(scheme: string): Sampling | null {
  switch (scheme) {
    case 'heapz_v2':
    case 'heap_v2':
      return { sampled: true, period: (n) => n };
    case 'heapprofile':
      return { sampled: false, period: () => 1 };
    case 'heap':
      // Go's runtime/pprof writes 2*MemProfileRate after "heap/".
      return { sampled: true, period: (n) => Math.trunc(n / 2) };
    default:
      return null;
  }
}

export function parseHeapProfile(reader: LineReader, header: string, limits: ImportLimits): LegacyProfile {
  let sampled = false;
  let period = 1;
  let hasAlloc = false;
  const heap = HEAP_HEADER.exec(header);
  if (heap) {
    const scheme = heap[5] as string;
    const sampling = samplingOf(scheme);
    if (!sampling) fail(`heap profile header names an unknown sampling scheme "${scheme}"`);
    sampled = sampling.sampled;
    period = sampling.period(heap[6] === '' ? 0 : Number(heap[6]));
    // pprof compares the header's numbers as written.
    hasAlloc = (heap[3] !== heap[1] && heap[3] !== '0') || (heap[4] !== heap[2] && heap[4] !== '0');
  } else if (!GROWTH_HEADER.test(header) && !FRAGMENTATION_HEADER.test(header)) {
    fail(`not a heap profile header: ${quoteLine(header)}`);
  }

  const profile = emptyLegacyProfile(
    hasAlloc
      ? [
          { type: 'alloc_objects', unit: 'count' },
          { type: 'alloc_space', unit: 'bytes' },
          { type: 'inuse_objects', unit: 'count' },
          { type: 'inuse_space', unit: 'bytes' },
        ]
      : [
          { type: 'objects', unit: 'count' },
          { type: 'space', unit: 'bytes' },
        ],
  );
  profile.periodType = { type: 'space', unit: 'bytes' };
  profile.period = period;

  const symbols = new GoSymbolCollector(profile.symbols);
  let line = reader.next();
  for (; line !== null; line = reader.next()) {
    const trimmed = line.trim();
    if (trimmed.startsWith('#')) {
      symbols.add(trimmed);
      continue;
    }
    if (trimmed === '') continue;
    if (isMemoryMapSentinel(trimmed)) break;

    const m = HEAP_SAMPLE.exec(trimmed);
    if (!m) fail(`line ${reader.lineNumber}: not a heap profile sample: ${quoteLine(trimmed)}`);
    const where = `line ${reader.lineNumber}`;
    let blockSize = 0;
    const values: number[] = [];
    const addPair = (countText: string, sizeText: string, label: string): void => {
      let count = parseInt64(countText);
      let size = parseInt64(sizeText);
      if (count === null || size === null) return fail(`${where}: ${label} count or bytes out of range`);
      if (count === 0 && size !== 0) fail(`${where}: ${label} count was 0 but ${label} bytes was ${size}`);
      if (count !== 0) {
        blockSize = Math.trunc(size / count);
        if (sampled) [count, size] = scaleHeapSample(count, size, period);
      }
      values.push(count, size);
    };
    if (hasAlloc) addPair(m[3] as string, m[4] as string, 'allocation');
    addPair(m[1] as string, m[2] as string, 'inuse');

    const raw = hexAddresses(m[5] as string);
    if (raw === null) fail(`${where}: an address does not fit in 64 bits`);
    // Return addresses: pprof moves every one back onto its call instruction.
    const addresses = raw.map(previousAddress);
    addLegacySample(profile, limits, values, addresses, [{ key: 'bytes', num: blockSize, unit: 'bytes' }]);
    symbols.startStack();
  }
  profile.mappings = readMemoryMap(reader, line);
  return profile;
}

/**
 * pprof's scaleHeapSample: the expected unsampled count and size of a sample
 * taken by a Poisson process with average rate `rate` bytes.
 */
export function scaleHeapSample(count: number, size: number, rate: number): [number, number] {
  if (count === 0 || size === 0) return [0, 0];
  // rate 1 means every allocation was recorded; below 1 the rate is unknown.
  if (rate <= 1) return [count, size];
  const averageSize = size / count;
  const scale = 1 / (1 - Math.exp(-averageSize / rate));
  return [Math.trunc(count * scale), Math.trunc(size * scale)];
}
