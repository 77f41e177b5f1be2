/**
 * The 68-byte header at the start of every JFR chunk. A recording file is one
 * or more chunks back to back; each is self-contained (its own metadata and
 * constant pools), so they are read one after the other.
 *
 * Layout (jdk.jfr.internal.consumer.ChunkHeader; HotSpot jfrChunkWriter.cpp),
 * big-endian, fixed width:
 *   0  magic "FLR\0"          4  major u16        6  minor u16
 *   8  chunk size i64         16 constant pool offset i64 (from chunk start, to the last pool event)
 *   24 metadata offset i64    32 start, ns since the epoch i64
 *   40 duration ns i64        48 start ticks i64
 *   56 ticks per second i64   64 generation u8 (255 while the chunk is being written)
 *   65 pad u8                 66 capabilities u16: bit 0 = compressed integers
 * Version 2.0 is JDK 11-13, 2.1 JDK 14 and later; 1.0 (JDK 9/10) and 0.9
 * (JDK 7/8, Oracle JFR) lay out pools and metadata differently.
 */
import { fail } from '../errors';

export const CHUNK_HEADER_SIZE = 68;
const MAGIC = [0x46, 0x4c, 0x52, 0x00];
const COMPRESSED_INTEGERS = 1;

export interface ChunkHeader {
  /** Offset of the chunk in the file. */
  start: number;
  major: number;
  minor: number;
  size: number;
  /** Offsets from the chunk start. */
  constantPoolOffset: number;
  metadataOffset: number;
  /** Start of the chunk in ns since the Unix epoch, exact. */
  startNanos: bigint;
  durationNanos: number;
  startTicks: number;
  ticksPerSecond: number;
  compressedIntegers: boolean;
}

export function hasJfrMagic(bytes: Uint8Array, at = 0): boolean {
  return MAGIC.every((b, i) => bytes[at + i] === b);
}

export function readChunkHeader(bytes: Uint8Array, start: number): ChunkHeader {
  if (!hasJfrMagic(bytes, start)) {
    const found = Array.from(bytes.subarray(start, start + 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    fail(`not a JFR chunk at byte ${start}: expected magic "FLR\\0" (46 4c 52 00), found ${found || 'end of file'}`);
  }
  if (bytes.length - start < CHUNK_HEADER_SIZE) {
    fail(
      `truncated JFR chunk at byte ${start}: the header needs ${CHUNK_HEADER_SIZE} bytes, ${bytes.length - start} left`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, CHUNK_HEADER_SIZE);
  const major = view.getUint16(4);
  const minor = view.getUint16(6);
  if (major !== 2) {
    fail(`unsupported JFR version ${major}.${minor} (Kiln reads version 2.x, written by JDK 11 and later)`);
  }

  const size = safeLong(view, 8, start, 'chunk size');
  const constantPoolOffset = safeLong(view, 16, start, 'constant pool offset');
  const metadataOffset = safeLong(view, 24, start, 'metadata offset');
  const startNanos = view.getBigInt64(32);
  const durationNanos = safeLong(view, 40, start, 'duration');
  const startTicks = safeLong(view, 48, start, 'start ticks');
  const ticksPerSecond = safeLong(view, 56, start, 'ticks per second');
  const generation = view.getUint8(64);
  const capabilities = view.getUint16(66);

  if (size < CHUNK_HEADER_SIZE) {
    fail(`corrupt JFR chunk at byte ${start}: chunk size ${size} is smaller than its header`);
  }
  if (size > bytes.length - start) {
    const hint = generation === 255 ? ' (the chunk was still being written)' : '';
    fail(
      `truncated JFR chunk at byte ${start}: the header says ${size} bytes, the file has ${bytes.length - start}${hint}`,
    );
  }
  for (const [what, offset] of [
    ['metadata', metadataOffset],
    ['constant pool', constantPoolOffset],
  ] as const) {
    if (offset < CHUNK_HEADER_SIZE || offset >= size) {
      fail(`corrupt JFR chunk at byte ${start}: ${what} offset ${offset} is outside the chunk's ${size} bytes`);
    }
  }
  if (ticksPerSecond <= 0) fail(`corrupt JFR chunk at byte ${start}: ticks per second is ${ticksPerSecond}`);

  return {
    start,
    major,
    minor,
    size,
    constantPoolOffset,
    metadataOffset,
    startNanos,
    durationNanos,
    startTicks,
    ticksPerSecond,
    compressedIntegers: (capabilities & COMPRESSED_INTEGERS) !== 0,
  };
}

/** A header long that must be non-negative and exact as a number. */
function safeLong(view: DataView, at: number, chunkStart: number, what: string): number {
  const value = view.getBigInt64(at);
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) {
    fail(`corrupt JFR chunk at byte ${chunkStart}: ${what} ${value} is out of range`);
  }
  return Number(value);
}
