/**
 * gperftools thread profiles ("threadz") in pprof's legacy text format.
 *
 *   --- threadz 1 ---
 *   --- Thread 7f794964e700 (name: thread1/14751) stack: ---
 *     PC:  0x7f794a32bf7d: nanosleep
 *     0x7f794a32414e: start_thread
 *         creator: 0xa45b96 0xa460b4 0xbaa17f
 *   --- Thread 7f7948978700 (name: thread3/14759) stack: ---
 *     [same as previous thread]
 *   --- Memory map: ---
 *
 * Facts from google/pprof profile/legacy_profile.go (parseThread,
 * parseThreadSample, cleanupDuplicateLocations):
 * - After "--- threadz N ---" (or directly) come "--- Thread <hex> (name:
 *   <name>/<tid>) stack: ---" blocks; a block's stack is every hex number on
 *   its lines, the thread's own frames then its creator's, all one stack.
 * - "[same as previous thread]" adds one to the previous stack's count.
 * - "---- no stack trace for" ends the threads.
 * - The leaf address is where the thread is, not a return address: every
 *   address but the first moves back by one. When the leaf repeats as the
 *   next frame (the unwinder saw it twice), the repeat is dropped.
 * - One sample type, thread/count, period 1.
 * Symbolized stacks ("0x0040be31: main") also name their frames in Kiln.
 */
import { fail } from '../errors';
import type { ImportLimits } from '../limits';
import { quoteLine, type LineReader } from '../line-reader';
import { hexAddresses, isMemoryMapSentinel, previousAddress, readMemoryMap } from './addresses';
import { addLegacySample, emptyLegacyProfile, type LegacyProfile, type LegacySample } from './build';
import { addSymbol, parseThreadSymbolLine, type SymbolTable } from './symbols';

export const THREADZ_HEADER = /--- threadz \d+ ---/;
export const THREAD_START = /--- Thread ([0-9a-fA-F]+) \(name: (.*)\/(\d+)\) stack: ---/;

export function parseThreadProfile(reader: LineReader, header: string, limits: ImportLimits): LegacyProfile {
  const profile = emptyLegacyProfile([{ type: 'thread', unit: 'count' }]);
  profile.periodType = { type: 'thread', unit: 'count' };
  profile.period = 1;

  let line: string | null = header;
  if (THREADZ_HEADER.test(header)) {
    // Skip what comes before the first stack.
    for (line = reader.next(); line !== null; line = reader.next()) {
      if (isMemoryMapSentinel(line) || line.startsWith('-')) break;
    }
  } else if (!THREAD_START.test(header)) {
    fail(`not a thread profile header: ${quoteLine(header)}`);
  }

  let last: LegacySample | null = null;
  while (line !== null && !isMemoryMapSentinel(line)) {
    if (line.startsWith('---- no stack trace for')) {
      line = null;
      break;
    }
    if (!THREAD_START.test(line)) fail(`line ${reader.lineNumber}: expected a thread header, got ${quoteLine(line)}`);
    const block = readThreadStack(reader, profile.symbols);
    line = block.next;
    if (block.sameAsPrevious) {
      if (last) (last.values[0] as number)++;
      continue;
    }
    const addresses = block.raw.map((address, i) => (i > 0 ? previousAddress(address) : address));
    // The signal context and the unwinder may both report the leaf.
    if (addresses.length > 1 && previousAddress(addresses[0] as string) === addresses[1]) addresses.splice(1, 1);
    last = addLegacySample(profile, limits, [1], addresses);
  }
  profile.mappings = readMemoryMap(reader, line);
  return profile;
}

interface ThreadStack {
  /** Raw addresses, leaf first, thread frames then creator frames. */
  raw: string[];
  sameAsPrevious: boolean;
  /** The line after the block ("---..." or null at the end). */
  next: string | null;
}

function readThreadStack(reader: LineReader, symbols: SymbolTable): ThreadStack {
  const raw: string[] = [];
  let sameAsPrevious = false;
  for (let line = reader.next(); line !== null; line = reader.next()) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (trimmed.startsWith('---')) return { raw, sameAsPrevious, next: trimmed };
    if (trimmed.includes('same as previous thread')) {
      sameAsPrevious = true;
      continue;
    }
    const named = parseThreadSymbolLine(trimmed);
    const addresses = hexAddresses(named ? trimmed.slice(0, trimmed.indexOf(':', trimmed.indexOf('0x'))) : trimmed);
    if (addresses === null) fail(`line ${reader.lineNumber}: an address does not fit in 64 bits`);
    if (named) {
      // Named by the address as printed; the stack position decides the adjustment.
      const [address, name] = named;
      const position = raw.length;
      addSymbol(symbols, position === 0 ? address : previousAddress(address), { name, file: '', line: 0 }, 0);
    }
    raw.push(...addresses);
  }
  return { raw, sameAsPrevious, next: null };
}
