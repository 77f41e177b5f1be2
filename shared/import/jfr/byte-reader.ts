/**
 * Reads the primitive encodings of a JFR chunk from bytes, bounded by an end
 * offset so that a size field that lies cannot make a read leave its event.
 *
 * Facts from the JDK (jdk.jfr.internal.consumer.RecordingInput, and the
 * HotSpot writer jfrEncoders.hpp / jfrChunk.cpp):
 * - Everything is big-endian.
 * - When the chunk header's "compressed integers" capability bit is set (the
 *   default since JDK 11), short, char, int and long are unsigned LEB128-style
 *   varints: 7 bits per byte, least significant group first, high bit =
 *   "more follows"; a long uses at most 9 bytes and the 9th byte carries a full
 *   8 bits. Negative values are their two's-complement bit patterns (no zigzag).
 *   Otherwise they have fixed widths of 2, 2, 4 and 8 bytes.
 * - byte and boolean are one byte; float and double are IEEE 754 in 4 and 8
 *   bytes in both modes.
 * - A string starts with an encoding byte: 0 null, 1 empty, 2 a constant-pool
 *   reference (a long key into the pool of java.lang.String), 3 UTF-8 (int byte
 *   count, bytes), 4 char array (int count, chars), 5 Latin-1 (int count, bytes).
 */
import { fail } from '../errors';

/** What a string read with `readString` can be: text, or a key into the chunk's java.lang.String pool. */
export type EncodedString = string | null | { stringPoolKey: number };

interface TextDecoderLike {
  decode(input: Uint8Array): string;
}
// TextDecoder is a global in Node and in browsers but not in lib ES2022 (see ../text.ts).
const TextDecoderImpl = (globalThis as unknown as { TextDecoder: new (label: string) => TextDecoderLike }).TextDecoder;
const utf8 = new TextDecoderImpl('utf-8');

const TWO_32 = 2 ** 32;

export class ByteReader {
  pos: number;
  /** Exclusive end: reads past it fail as truncated. */
  end: number;
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly compressed: boolean;
  private readonly maxStringLength: number;

  constructor(bytes: Uint8Array, start: number, end: number, compressed: boolean, maxStringLength: number) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = start;
    this.end = Math.min(end, bytes.length);
    this.compressed = compressed;
    this.maxStringLength = maxStringLength;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  /** Fails unless `count` more bytes are available. */
  need(count: number): void {
    if (count > this.end - this.pos) this.truncated();
  }

  truncated(): never {
    return fail(`truncated JFR data at byte ${this.pos}: a value runs past byte ${this.end}`);
  }

  u8(): number {
    if (this.pos >= this.end) this.truncated();
    return this.bytes[this.pos++] as number;
  }

  i8(): number {
    const b = this.u8();
    return b >= 0x80 ? b - 0x100 : b;
  }

  boolean(): boolean {
    return this.u8() !== 0;
  }

  /** A short: varint or 2 bytes. */
  i16(): number {
    if (this.compressed) return (this.varint32() << 16) >> 16;
    this.need(2);
    const v = this.view.getInt16(this.pos);
    this.pos += 2;
    return v;
  }

  /** A char as its UTF-16 code unit: varint or 2 bytes. */
  char(): number {
    if (this.compressed) return this.varint32() & 0xffff;
    this.need(2);
    const v = this.view.getUint16(this.pos);
    this.pos += 2;
    return v;
  }

  /** An int (signed 32 bits): varint or 4 bytes. */
  i32(): number {
    if (this.compressed) return this.varint32() | 0;
    this.need(4);
    const v = this.view.getInt32(this.pos);
    this.pos += 4;
    return v;
  }

  /**
   * A long (signed 64 bits) as a number: exact while its magnitude is below
   * 2^53 (ticks, ids, sizes, nanoseconds since the epoch are), rounded beyond.
   */
  i64(): number {
    if (!this.compressed) {
      this.need(8);
      const hi = this.view.getInt32(this.pos);
      const lo = this.view.getUint32(this.pos + 4);
      this.pos += 8;
      return combine(hi, lo);
    }
    const bytes = this.bytes;
    let pos = this.pos;
    const end = this.end;
    // Groups 0-3 fill bits 0-27 of `lo`; group 4 straddles lo and hi; groups
    // 5-7 fill hi from bit 3; the 9th byte is the top 8 bits.
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 9; i++) {
      if (pos >= end) {
        this.pos = pos;
        this.truncated();
      }
      const b = bytes[pos++] as number;
      if (i === 8) {
        hi |= b << 24;
        break;
      }
      const group = b & 0x7f;
      if (i < 4) lo |= group << (7 * i);
      else if (i === 4) {
        lo |= group << 28;
        hi = group >>> 4;
      } else hi |= group << (7 * i - 32);
      if (b < 0x80) break;
    }
    this.pos = pos;
    return combine(hi, lo >>> 0);
  }

  /** A varint of at most 5 bytes (int, short, char), as its low 32 bits. */
  private varint32(): number {
    const bytes = this.bytes;
    let pos = this.pos;
    let result = 0;
    for (let i = 0; i < 5; i++) {
      if (pos >= this.end) {
        this.pos = pos;
        this.truncated();
      }
      const b = bytes[pos++] as number;
      result |= (b & 0x7f) << (7 * i);
      if (b < 0x80) {
        this.pos = pos;
        return result;
      }
    }
    // An int written as a long (JFR writes every integer with the same
    // encoder) may use more bytes; its low 32 bits are still the value.
    for (let i = 5; i < 9; i++) {
      if (pos >= this.end) {
        this.pos = pos;
        this.truncated();
      }
      const b = bytes[pos++] as number;
      if (b < 0x80 || i === 8) break;
    }
    this.pos = pos;
    return result;
  }

  f32(): number {
    this.need(4);
    const v = this.view.getFloat32(this.pos);
    this.pos += 4;
    return v;
  }

  f64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos);
    this.pos += 8;
    return v;
  }

  /** A length or count: an int that must be non-negative and (times `minBytesEach`) fit in what is left. */
  count(what: string, minBytesEach = 1): number {
    const at = this.pos;
    const n = this.i32();
    if (n < 0 || n * minBytesEach > this.end - this.pos) {
      fail(`corrupt JFR data at byte ${at}: ${what} ${n} does not fit in the ${this.end - this.pos} bytes left`);
    }
    return n;
  }

  /** A string in any of JFR's encodings; a pool reference is returned as its key for the caller to resolve. */
  string(): EncodedString {
    const at = this.pos;
    const encoding = this.u8();
    switch (encoding) {
      case 0:
        return null;
      case 1:
        return '';
      case 2:
        return { stringPoolKey: this.i64() };
      case 3:
        return this.utf8(this.count('UTF-8 string length'));
      case 4: {
        const n = this.count('char array string length');
        this.checkLength(n);
        const units = new Array<number>(n);
        for (let i = 0; i < n; i++) units[i] = this.char();
        return fromCodeUnits(units);
      }
      case 5: {
        const n = this.count('Latin-1 string length');
        this.checkLength(n);
        const s = latin1(this.bytes, this.pos, n);
        this.pos += n;
        return s;
      }
      default:
        return fail(`corrupt JFR data at byte ${at}: unknown string encoding ${encoding}`);
    }
  }

  private utf8(n: number): string {
    const start = this.pos;
    this.pos += n;
    // Pure ASCII (class, method and thread names nearly always are) needs no decoder.
    const bytes = this.bytes;
    let ascii = true;
    for (let i = start; i < start + n; i++) {
      if ((bytes[i] as number) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      this.checkLength(n);
      return latin1(bytes, start, n);
    }
    const s = utf8.decode(bytes.subarray(start, start + n));
    this.checkLength(s.length);
    return s;
  }

  private checkLength(length: number): void {
    if (length > this.maxStringLength) {
      fail(
        `JFR string of length ${length} at byte ${this.pos} exceeds the limit maxStringLength=${this.maxStringLength}`,
      );
    }
  }
}

/** A 64-bit two's-complement value from its halves, exact when |value| < 2^53. */
function combine(hi: number, lo: number): number {
  if (hi < 0 || hi >= 0x80000000) {
    // Negative: -(~value + 1), computed on the complemented halves.
    return -((~hi >>> 0) * TWO_32 + (~lo >>> 0) + 1);
  }
  return hi * TWO_32 + lo;
}

const CHUNK = 8192;

function latin1(bytes: Uint8Array, start: number, n: number): string {
  let s = '';
  if (n <= 64) {
    // Most strings are short names: concatenating avoids an intermediate array per string.
    for (let i = start; i < start + n; i++) s += String.fromCharCode(bytes[i] as number);
    return s;
  }
  for (let i = 0; i < n; i += CHUNK) {
    s += String.fromCharCode.apply(null, Array.from(bytes.subarray(start + i, start + Math.min(n, i + CHUNK))));
  }
  return s;
}

function fromCodeUnits(units: number[]): string {
  let s = '';
  for (let i = 0; i < units.length; i += CHUNK) s += String.fromCharCode.apply(null, units.slice(i, i + CHUNK));
  return s;
}
