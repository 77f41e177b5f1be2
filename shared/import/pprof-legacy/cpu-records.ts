/**
 * The sample records of a legacy binary CPU profile, read after the header.
 *
 * Facts from google/pprof profile/legacy_profile.go (parseCPUSamples):
 * - Each record is: count, depth, then `depth` program counters, leaf first.
 * - The record (0, 1, 0) ends the samples; what follows is text (the
 *   /proc/self/maps of the process for native code, the names of the
 *   "addresses" for Java).
 * - For native code every frame but the leaf holds a return address, the
 *   instruction after the call; pprof subtracts 1 so that the address falls
 *   inside the call instruction and symbolizes to the calling line. The leaf
 *   comes from the signal context and is left as is. Java "addresses" are
 *   method ids and are not adjusted.
 * - A sample's values are (count, count * period in nanoseconds).
 *
 * pprof is lenient where Kiln fails with a reason: it accepts data that ends
 * without the (0, 1, 0) record (a file cut at a record boundary), and its
 * depth check (depth > bytes left / 4) lets a 64-bit record claim more frames
 * than remain.
 */
import { fail } from '../errors';
import { checkLimit, type ImportLimits } from '../limits';
import { callSite, type Address } from './cpu-address';
import { HEADER_WORDS, type LegacyWords } from './cpu-header';

/**
 * Samples in flat columns. Sample i's frames, leaf first, are
 * `frames[leaf[i]]` followed by `frames[rest[i] .. end[i])` when
 * `end[i] > leaf[i]`, and none otherwise (a record of depth 0). Keeping the
 * leaf apart lets the clean-up steps drop "the frame after the leaf" by
 * advancing `rest[i]`, which is all they ever drop.
 */
export interface LegacyCpuSamples {
  counts: number[];
  leaf: number[];
  rest: number[];
  end: number[];
  /** Indices into `addresses`. */
  frames: number[];
  /** Distinct addresses (after the call-site adjustment), in order of first reading. */
  addresses: Address[];
  /** Byte offset of the text after the end-of-data record. */
  textStart: number;
}

export function readLegacyCpuSamples(
  words: LegacyWords,
  adjustCallSites: boolean,
  limits: ImportLimits,
): LegacyCpuSamples {
  const samples: LegacyCpuSamples = {
    counts: [],
    leaf: [],
    rest: [],
    end: [],
    frames: [],
    addresses: [],
    textStart: -1,
  };
  const index = new Map<Address, number>();
  const { count: total, wordBytes } = words;
  let at = HEADER_WORDS;
  for (;;) {
    const record = samples.counts.length;
    const where = (): string => `sample record ${record} at byte ${at * wordBytes}`;
    if (at >= total) {
      const stray = words.byteLength - total * wordBytes;
      if (stray > 0) fail(`${where()} is truncated: only ${stray} bytes left, less than one ${wordBytes}-byte word`);
      fail(
        `missing the end-of-data record (0, 1, 0) after ${record} samples: the data ends at byte ` +
          `${total * wordBytes}, so the profile is probably truncated`,
      );
    }
    if (at + 2 > total) fail(`${where()} is truncated: it has a count but no stack depth`);
    const count = words.word(at);
    const depth = words.word(at + 1);
    const left = total - at - 2;
    if (typeof depth !== 'number' || depth > left) {
      if (count === 0 && depth === 1) {
        fail(`truncated end-of-data record at byte ${at * wordBytes}: (0, 1) without its final 0 word`);
      }
      fail(`${where()}: stack depth ${String(depth)} runs past the end of the data (${left} words left)`);
    }
    if (count === 0 && depth === 1 && words.word(at + 2) === 0) {
      samples.textStart = (at + 3) * wordBytes;
      return samples;
    }
    checkLimit('sample count', record + 1, limits, 'maxSamples');
    checkLimit('stack depth', depth, limits, 'maxStackDepth');
    if (typeof count !== 'number') fail(`${where()}: count ${String(count)} is too large to be a sample count`);

    const start = samples.frames.length;
    for (let k = 0; k < depth; k++) {
      let address = words.word(at + 2 + k);
      if (adjustCallSites && k > 0) address = callSite(address);
      let id = index.get(address);
      if (id === undefined) {
        id = samples.addresses.length;
        samples.addresses.push(address);
        index.set(address, id);
      }
      samples.frames.push(id);
    }
    samples.counts.push(count);
    samples.leaf.push(start);
    samples.rest.push(start + 1);
    samples.end.push(start + depth);
    at += 2 + depth;
  }
}
