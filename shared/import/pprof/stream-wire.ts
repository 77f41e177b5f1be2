/**
 * Splits a pprof byte stream, fed in chunks of any size, into whole top-level
 * Profile fields. A field that straddles chunks is carried over, and only
 * that field's bytes are copied; fields the pass does not want (samples in
 * pass 1, everything else in pass 2) are skipped without being copied, even
 * when they straddle chunks.
 *
 * Every top-level field's tag, wire type and length is checked here (both
 * passes see the same checks, so pass 1 refuses structurally broken input
 * before pass 2 starts); the fields' insides are checked by their readers.
 * Wire format: see pprof-stream-reader.ts.
 */
import { fail, LimitExceeded } from '../errors';
import type { ImportLimits } from '../limits';
import {
  corrupt,
  fieldLabel,
  WIRE_FIXED64,
  WIRE_LENGTH_DELIMITED,
  WIRE_VARINT,
  wireTypeFits,
  wrongWireType,
} from './stream-reader';

/** Receives the top-level fields of one pass. */
export interface TopLevelSink {
  /**
   * A wanted field, whole: its payload is `bytes[start, end)` (for wire type
   * 0, the varint itself); `base` is the stream offset of `bytes[0]`, for
   * error messages. The bytes are only valid during the call.
   */
  field(field: number, wire: number, bytes: Uint8Array, start: number, end: number, base: number): void;
  /** A field the pass does not want, announced when its header has been read (its bytes are skipped). */
  skipped(field: number): void;
}

// A header is a tag (at most 5 bytes) and a varint or length (at most 10).
const MAX_HEADER = 15;
const TWO_32 = 4294967296;
const STRING_TABLE = 6;

export class TopLevelFields {
  /** Bytes fed so far. */
  offset = 0;

  private readonly sink: TopLevelSink;
  private readonly wanted: readonly boolean[];
  private readonly maxStringLength: number;

  // The header just parsed by `header()`, relative to the buffer it was read from.
  private hField = 0;
  private hWire = 0;
  private hPayload = 0;
  private hEnd = 0;
  private hLength = 0;

  // An unfinished wanted field: its first `carryLength` bytes, from stream offset `carryAt`.
  private carry = new Uint8Array(256);
  private carryLength = 0;
  private carryAt = 0;
  /** Bytes the carried field has in all (header included), or -1 while its header is incomplete. */
  private carryNeeded = -1;

  // An unwanted field being skipped across chunks.
  private skipRemaining = 0;
  private skipField = 0;
  private skipAt = 0;
  private skipLength = 0;

  /** `wanted[n]`: whether Profile field n goes to the sink (others are skipped). */
  constructor(sink: TopLevelSink, wanted: readonly boolean[], limits: ImportLimits) {
    this.sink = sink;
    this.wanted = wanted;
    this.maxStringLength = limits.maxStringLength;
  }

  feed(chunk: Uint8Array): void {
    const n = chunk.length;
    let pos = 0;
    if (this.skipRemaining > 0) {
      pos = Math.min(this.skipRemaining, n);
      this.skipRemaining -= pos;
    }
    if (pos < n && this.carryLength > 0) pos = this.continueCarry(chunk, pos);
    while (pos < n) {
      if (!this.header(chunk, pos, n, false)) {
        this.startCarry(chunk, pos, n, -1);
        break;
      }
      const fieldEnd = this.hEnd;
      if (!this.wanted[this.hField]) {
        this.sink.skipped(this.hField);
        if (fieldEnd <= n) pos = fieldEnd;
        else {
          this.startSkip(this.offset + pos, fieldEnd - n);
          pos = n;
        }
      } else if (fieldEnd <= n) {
        this.sink.field(this.hField, this.hWire, chunk, this.hPayload, fieldEnd, this.offset);
        pos = fieldEnd;
      } else {
        this.startCarry(chunk, pos, n, fieldEnd - pos);
        pos = n;
      }
    }
    this.offset += n;
  }

  /** Fails when the data ended inside a field. */
  finish(): void {
    const end = this.offset;
    if (this.skipRemaining > 0) {
      corrupt(
        `${fieldLabel('Profile', this.skipField)} at byte ${this.skipAt} has length ${this.skipLength}, past the end of its data at byte ${end}`,
      );
    }
    if (this.carryLength === 0) return;
    // Re-read the header to say what was cut off; with `final` an incomplete header fails.
    this.header(this.carry, 0, this.carryLength, true);
    corrupt(
      `${fieldLabel('Profile', this.hField)} at byte ${this.carryAt} has length ${this.hLength}, past the end of its data at byte ${end}`,
    );
  }

  /**
   * Parses the header of the field at `bytes[pos]` into h*. Returns false when
   * `end` comes first (or, when `final`, fails saying what was cut off).
   */
  private header(bytes: Uint8Array, pos: number, end: number, final: boolean): boolean {
    // Stream offset of bytes[0], for error messages.
    const base = bytes === this.carry ? this.carryAt : this.offset;
    const tagAt = pos;
    let tag = 0;
    for (let i = 0; ; i++) {
      if (pos >= end) {
        if (final)
          corrupt(`Profile has a tag cut off at byte ${base + tagAt} by the end of the data at byte ${this.offset}`);
        return false;
      }
      const byte = bytes[pos++] as number;
      tag += (byte & 0x7f) * 2 ** (7 * i);
      if (byte < 0x80) break;
      if (i === 4) corrupt(`Profile has a tag longer than 5 bytes at byte ${base + tagAt}`);
    }
    if (tag >= TWO_32) corrupt(`Profile has a tag longer than 32 bits at byte ${base + tagAt}`);
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 0) corrupt(`Profile has field number 0 at byte ${base + tagAt}`);
    if (!wireTypeFits('Profile', field, wire)) wrongWireType('Profile', field, wire, base + tagAt);
    this.hField = field;
    this.hWire = wire;
    if (wire === WIRE_VARINT || wire === WIRE_LENGTH_DELIMITED) {
      const varintAt = pos;
      let value = 0;
      for (let i = 0; ; i++) {
        if (pos >= end) {
          if (final) {
            const what = wire === WIRE_VARINT ? 'varint' : 'length';
            corrupt(
              `${fieldLabel('Profile', field)} has a ${what} cut off at byte ${base + varintAt} by the end of the data at byte ${this.offset}`,
            );
          }
          return false;
        }
        const byte = bytes[pos++] as number;
        value += (byte & 0x7f) * 2 ** (7 * i);
        if (byte < 0x80) break;
        if (i === 9)
          corrupt(`${fieldLabel('Profile', field)} has a varint longer than 10 bytes at byte ${base + varintAt}`);
      }
      if (wire === WIRE_VARINT) {
        this.hPayload = varintAt;
        this.hEnd = pos;
        this.hLength = pos - varintAt;
        return true;
      }
      // UTF-8 takes at most 3 bytes per UTF-16 code unit: a longer string surely breaks the
      // limit, so it is refused before its bytes are gathered (decoded strings are checked exactly).
      if (field === STRING_TABLE && value > 3 * this.maxStringLength) {
        throw new LimitExceeded(`string of ${value} bytes exceeds the limit maxStringLength=${this.maxStringLength}`);
      }
      this.hPayload = pos;
      this.hEnd = pos + value;
      this.hLength = value;
      return true;
    }
    const size = wire === WIRE_FIXED64 ? 8 : 4;
    this.hPayload = pos;
    this.hEnd = pos + size;
    this.hLength = size;
    return true;
  }

  /** Keeps `chunk[pos, end)`, the start of a field of `needed` bytes (-1: header incomplete). */
  private startCarry(chunk: Uint8Array, pos: number, end: number, needed: number): void {
    this.carryAt = this.offset + pos;
    this.carryNeeded = needed;
    this.carryLength = 0;
    this.append(chunk, pos, end);
  }

  private startSkip(at: number, remaining: number): void {
    this.skipField = this.hField;
    this.skipAt = at;
    this.skipLength = this.hLength;
    this.skipRemaining = remaining;
  }

  /** Completes the carried field from `chunk[pos…]`; returns where the chunk's unread bytes start. */
  private continueCarry(chunk: Uint8Array, pos: number): number {
    const n = chunk.length;
    if (this.carryNeeded < 0) {
      // Take just enough bytes to complete any header; give back what the field did not need.
      const take = Math.min(MAX_HEADER - this.carryLength, n - pos);
      const had = this.carryLength;
      this.append(chunk, pos, pos + take);
      if (!this.header(this.carry, 0, this.carryLength, false)) return pos + take;
      const fieldEnd = this.hEnd;
      if (!this.wanted[this.hField]) {
        this.sink.skipped(this.hField);
        this.carryLength = 0;
        if (fieldEnd <= had + take) return pos + (fieldEnd - had);
        const rest = pos + take;
        const skip = fieldEnd - had - take;
        const now = Math.min(skip, n - rest);
        this.startSkip(this.carryAt, skip - now);
        return rest + now;
      }
      this.carryNeeded = fieldEnd;
      if (fieldEnd <= this.carryLength) {
        this.carryLength = fieldEnd;
        this.emitCarry();
        return pos + (fieldEnd - had);
      }
      pos += take;
    }
    const take = Math.min(this.carryNeeded - this.carryLength, n - pos);
    this.append(chunk, pos, pos + take);
    if (this.carryLength === this.carryNeeded) {
      // The header was parsed from an earlier buffer; parse it again from the carry for h*.
      this.header(this.carry, 0, this.carryLength, true);
      this.emitCarry();
    }
    return pos + take;
  }

  private emitCarry(): void {
    const length = this.carryLength;
    this.carryLength = 0;
    this.carryNeeded = -1;
    this.sink.field(this.hField, this.hWire, this.carry, this.hPayload, length, this.carryAt);
  }

  /** Appends to the carry, growing it by doubling as bytes arrive (never by a claimed length alone). */
  private append(chunk: Uint8Array, from: number, to: number): void {
    const length = this.carryLength + (to - from);
    if (length > this.carry.length) {
      let size = this.carry.length;
      while (size < length) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.carry.subarray(0, this.carryLength));
      this.carry = grown;
    }
    this.carry.set(chunk.subarray(from, to), this.carryLength);
    this.carryLength = length;
  }
}

/** Pass-specific wanted-field lists, indexed by Profile field number. */
export function wantedFields(fields: readonly number[]): boolean[] {
  const wanted: boolean[] = [];
  for (const field of fields) wanted[field] = true;
  return wanted;
}

/** Fails when the two passes did not see the same bytes (the source changed between them). */
export function checkSamePassLength(first: number, second: number): void {
  if (first !== second) {
    fail(`the data changed between the two passes of the pprof reader (${first} bytes, then ${second})`);
  }
}
