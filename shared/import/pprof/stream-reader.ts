/**
 * Reads the protobuf encoding inside one top-level pprof field (a Sample, a
 * Location, a string…): tags, varints and lengths, each checked against the
 * end of the data it belongs to, so corrupt input fails with a reason that
 * names the message, the field and the byte of the whole file.
 *
 * Wire format facts (protobuf encoding spec, "Message Structure"):
 * - a tag is a varint field_number << 3 | wire_type; field number 0 is invalid;
 * - wire type 0 is a varint of at most 10 bytes (7 bits each, least
 *   significant group first); int64 negatives are ten-byte two's complement;
 * - wire type 2 is a varint length and that many bytes; packed repeated
 *   scalars are wire type 2 holding concatenated varints;
 * - wire types 1 and 5 are 8 and 4 fixed bytes; profile.proto uses neither,
 *   but an unknown field of those types must be skipped, not refused;
 * - wire types 3 and 4 (groups) are deprecated and 6, 7 do not exist.
 *
 * A 64-bit varint is kept as two unsigned 32-bit halves (`lo`, `hi`), so no
 * BigInt is made per value; `int64()`/`uint64()` turn them into a JS number
 * (exact up to 2^53, as pprof-numbers.ts does for pprof-format's values).
 */
import { fail } from '../errors';
import { SCHEMA, type MessageName } from './protobuf-wire';

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;

const TWO_32 = 4294967296;
const EMPTY = new Uint8Array(0);

export function corrupt(reason: string): never {
  return fail(`corrupt protobuf: ${reason}`);
}

/** "Sample.location_id (field 1)", or "Sample field 9" for a field profile.proto does not define. */
export function fieldLabel(message: MessageName, field: number): string {
  const spec = SCHEMA[message][field];
  return spec ? `${message}.${spec.name} (field ${field})` : `${message} field ${field}`;
}

/** Whether profile.proto allows `wire` for `field` of `message`; unknown fields allow any defined wire type. */
export function wireTypeFits(message: MessageName, field: number, wire: number): boolean {
  const spec = SCHEMA[message][field];
  if (!spec)
    return wire === WIRE_VARINT || wire === WIRE_LENGTH_DELIMITED || wire === WIRE_FIXED64 || wire === WIRE_FIXED32;
  if (spec.rule === 'varint') return wire === WIRE_VARINT;
  if (spec.rule === 'repeated') return wire === WIRE_VARINT || wire === WIRE_LENGTH_DELIMITED;
  return wire === WIRE_LENGTH_DELIMITED;
}

export function wrongWireType(message: MessageName, field: number, wire: number, at: number): never {
  const spec = SCHEMA[message][field];
  const label = fieldLabel(message, field);
  if (spec && wire === WIRE_VARINT) return corrupt(`${label} at byte ${at} should be length-delimited but is a varint`);
  if (spec?.rule === 'varint' && wire === WIRE_LENGTH_DELIMITED) {
    return corrupt(`${label} at byte ${at} should be a varint but is length-delimited`);
  }
  return corrupt(`${label} at byte ${at} has wire type ${wire}, which profile.proto does not use`);
}

/** A uint64 from its halves as exact decimal text, for error messages. */
export function uint64Text(lo: number, hi: number): string {
  return hi === 0 ? String(lo) : ((BigInt(hi) << 32n) | BigInt(lo)).toString();
}

/** A uint64 as lowercase hex with 0x, exact at any size (pprof prints addresses so). */
export function uint64Hex(lo: number, hi: number): string {
  return hi === 0 ? `0x${lo.toString(16)}` : `0x${hi.toString(16)}${lo.toString(16).padStart(8, '0')}`;
}

/**
 * A cursor over `bytes[pos, end)`. One instance is reused for every field of
 * a pass (`open`), so reading allocates nothing.
 */
export class MessageReader {
  bytes: Uint8Array = EMPTY;
  pos = 0;
  /** Exclusive end of the message being read; nested reads narrow it and restore it. */
  end = 0;
  /** The message being read, for error messages. */
  message: MessageName = 'Profile';
  /** The last varint read, as unsigned 32-bit halves. */
  lo = 0;
  hi = 0;
  /** Stream offset of bytes[0], so that errors name a byte of the whole file. */
  private base = 0;

  open(bytes: Uint8Array, start: number, end: number, streamOffsetOfBytes: number, message: MessageName): void {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
    this.base = streamOffsetOfBytes;
    this.message = message;
  }

  /** Stream offset of `pos` in this reader's bytes. */
  at(pos: number): number {
    return this.base + pos;
  }

  /** Reads a tag (field << 3 | wire); refuses field number 0 and tags beyond 32 bits. */
  tag(): number {
    const bytes = this.bytes;
    const pos = this.pos;
    const first = bytes[pos] as number;
    // One-byte tags (fields 1..15) are all profile.proto has.
    if (first < 0x80 && pos < this.end) {
      this.pos = pos + 1;
      if (first >>> 3 === 0) corrupt(`${this.message} has field number 0 at byte ${this.at(pos)}`);
      return first;
    }
    this.varint();
    if (this.hi !== 0) corrupt(`${this.message} has a tag longer than 32 bits at byte ${this.at(pos)}`);
    if (this.lo >>> 3 === 0) corrupt(`${this.message} has field number 0 at byte ${this.at(pos)}`);
    return this.lo;
  }

  /** Reads one varint into `lo`/`hi`. */
  varint(): void {
    const bytes = this.bytes;
    const end = this.end;
    let pos = this.pos;
    const first = bytes[pos] as number;
    if (first < 0x80 && pos < end) {
      this.lo = first;
      this.hi = 0;
      this.pos = pos + 1;
      return;
    }
    const start = pos;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (pos >= end) this.cutOff(start);
      const byte = bytes[pos++] as number;
      if (i < 4) lo |= (byte & 0x7f) << (7 * i);
      else if (i === 4) {
        lo |= (byte & 0x7f) << 28;
        hi = (byte & 0x7f) >>> 4;
      } else hi |= (byte & 0x7f) << (7 * i - 32);
      if (byte < 0x80) {
        this.lo = lo >>> 0;
        this.hi = hi >>> 0;
        this.pos = pos;
        return;
      }
    }
    corrupt(`${this.message} has a varint longer than 10 bytes at byte ${this.at(start)}`);
  }

  /** The last varint as a signed int64 (profile.proto values, lines, label nums). */
  int64(): number {
    return (this.hi | 0) * TWO_32 + this.lo;
  }

  /** The last varint as an unsigned uint64 (ids, addresses, string indices). */
  uint64(): number {
    return this.hi * TWO_32 + this.lo;
  }

  /** Reads a length prefix and returns the end of the bytes it announces, which must lie inside the message. */
  lengthEnd(field: number, tagAt: number): number {
    this.varint();
    const length = this.uint64();
    if (length > this.end - this.pos) {
      corrupt(
        `${fieldLabel(this.message, field)} at byte ${this.at(tagAt)} has length ${length}, past the end of its data at byte ${this.at(this.end)}`,
      );
    }
    return this.pos + length;
  }

  /**
   * Checks the wire type of a field that the caller does not read and skips
   * it: unknown fields are skipped as the protobuf spec requires.
   */
  skip(field: number, wire: number, tagAt: number): void {
    if (!wireTypeFits(this.message, field, wire)) wrongWireType(this.message, field, wire, this.at(tagAt));
    if (wire === WIRE_VARINT) this.varint();
    else if (wire === WIRE_LENGTH_DELIMITED) this.pos = this.lengthEnd(field, tagAt);
    else {
      const size = wire === WIRE_FIXED64 ? 8 : 4;
      if (size > this.end - this.pos) {
        corrupt(
          `${fieldLabel(this.message, field)} at byte ${this.at(tagAt)} runs past the end of its data at byte ${this.at(this.end)}`,
        );
      }
      this.pos += size;
    }
  }

  /** Fails unless a field the caller reads as a scalar has the wire type profile.proto gives it. */
  expectWire(field: number, wire: number, expected: number, tagAt: number): void {
    if (wire !== expected) wrongWireType(this.message, field, wire, this.at(tagAt));
  }

  private cutOff(start: number): never {
    return corrupt(
      `${this.message} has a varint cut off at byte ${this.at(start)} by the end of its data at byte ${this.at(this.end)}`,
    );
  }
}
