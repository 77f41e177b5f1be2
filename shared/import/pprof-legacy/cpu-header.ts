/**
 * The header of a legacy binary CPU profile (gperftools' profiler.cc, Go's
 * runtime/pprof before Go 1.9, and the Java agents pprof reads) and the words
 * that follow it.
 *
 * Facts from google/pprof profile/legacy_profile.go (parseCPU):
 * - The file is a sequence of machine words, 32 or 64 bits wide, in the
 *   writer's byte order; nothing announces which. pprof tries 32-bit little
 *   endian, 32-bit big endian, 64-bit little endian, 64-bit big endian, in that
 *   order, and takes the first reading whose five header words are
 *   (0, 3, 0, period, 0) or (0, 3, 1, period, 0) with period > 0.
 * - Word 1 is the header's size in words after the first two (3); word 2 is 0
 *   for native code (C++, Go) and 1 for a Java profile; word 3 is the sampling
 *   period in microseconds; word 4 is padding.
 */
import { addressFromHalves, type Address } from './cpu-address';

export interface LegacyCpuLayout {
  wordBytes: 4 | 8;
  littleEndian: boolean;
  /** Header word 2 was 1: a Java profile, whose text section names the "addresses". */
  java: boolean;
  /** Header word 3: microseconds between samples. */
  periodMicros: Address;
}

export const HEADER_WORDS = 5;

/** pprof's order of trying layouts; the first that fits wins. */
const LAYOUTS: readonly { wordBytes: 4 | 8; littleEndian: boolean }[] = [
  { wordBytes: 4, littleEndian: true },
  { wordBytes: 4, littleEndian: false },
  { wordBytes: 8, littleEndian: true },
  { wordBytes: 8, littleEndian: false },
];

/** Reads whole words of one layout; a trailing partial word is not a word. */
export class LegacyWords {
  /** Whole words in the input. */
  readonly count: number;
  readonly byteLength: number;
  readonly wordBytes: 4 | 8;
  private readonly view: DataView;
  private readonly littleEndian: boolean;

  constructor(bytes: Uint8Array, layout: { wordBytes: 4 | 8; littleEndian: boolean }) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.wordBytes = layout.wordBytes;
    this.littleEndian = layout.littleEndian;
    this.byteLength = bytes.byteLength;
    this.count = Math.floor(bytes.byteLength / layout.wordBytes);
  }

  /** Word `index` (< count) as an unsigned value. */
  word(index: number): Address {
    const offset = index * this.wordBytes;
    if (this.wordBytes === 4) return this.view.getUint32(offset, this.littleEndian);
    const first = this.view.getUint32(offset, this.littleEndian);
    const second = this.view.getUint32(offset + 4, this.littleEndian);
    return this.littleEndian ? addressFromHalves(second, first) : addressFromHalves(first, second);
  }
}

/** The layout whose header fits, or null: the detection rule for this format. */
export function detectLegacyCpuLayout(bytes: Uint8Array): LegacyCpuLayout | null {
  for (const layout of LAYOUTS) {
    const words = new LegacyWords(bytes, layout);
    if (words.count < HEADER_WORDS) continue;
    const version = words.word(2);
    const period = words.word(3);
    if (words.word(0) === 0 && words.word(1) === 3 && (version === 0 || version === 1) && period > 0) {
      if (words.word(4) === 0) return { ...layout, java: version === 1, periodMicros: period };
    }
  }
  return null;
}

/**
 * Why `bytes` has no header: "truncated header" when the bytes present are
 * the start of a header in some layout (a file cut short), otherwise the words
 * as read in the first layout, which is what pprof tries first.
 */
export function explainMissingHeader(bytes: Uint8Array): string {
  for (const layout of LAYOUTS) {
    const words = new LegacyWords(bytes, layout);
    if (words.count >= HEADER_WORDS) continue;
    if (headerPrefixFits(words)) {
      return (
        `truncated header: ${bytes.length} bytes, but a legacy CPU profile starts with 5 words ` +
        '(0, 3, 0 or 1, period, 0) of 4 or 8 bytes each'
      );
    }
  }
  const words = new LegacyWords(bytes, LAYOUTS[0] as (typeof LAYOUTS)[number]);
  const seen: string[] = [];
  for (let i = 0; i < Math.min(HEADER_WORDS, words.count); i++) seen.push(String(words.word(i)));
  return (
    `not a legacy CPU profile: the header words are (${seen.join(', ')}), ` +
    'expected (0, 3, 0 or 1, period > 0, 0) as 32- or 64-bit words'
  );
}

function headerPrefixFits(words: LegacyWords): boolean {
  const expected: ((value: Address) => boolean)[] = [
    (v) => v === 0,
    (v) => v === 3,
    (v) => v === 0 || v === 1,
    (v) => v > 0,
  ];
  for (let i = 0; i < words.count; i++) {
    const fits = expected[i];
    if (fits && !fits(words.word(i))) return false;
  }
  return true;
}
