/**
 * The bytes of one file to import, readable as many times as the import needs
 * (a hashing pass, then a decoder's passes) without ever holding the whole
 * file: from disk through fs streams, or from memory (an upload) in slices.
 * gzip data is inflated as it streams, with an output limit that stops bombs.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DecompressionError, isGzip } from '../../shared/import/decompress';
import { gunzipFailureReason } from './node-decompressor';

export type ByteInput = { kind: 'path'; path: string } | { kind: 'bytes'; bytes: Uint8Array };

export interface ByteSource {
  /** Bytes in the file as given (compressed or not). */
  readonly size: number;
  /** The whole file, when it is already in memory (an upload); null for a file on disk. */
  readonly inMemory: Uint8Array | null;
  /** A file on disk's modification time (ms since the epoch); null for bytes in memory. */
  readonly modifiedAtMs: number | null;
  /** A fresh pass over the original bytes, in chunks of at most CHUNK_BYTES. */
  open(): AsyncIterable<Uint8Array>;
}

/** Big enough that per-chunk work (a cancellation check, a hash update) costs nothing; small enough to stay responsive. */
export const CHUNK_BYTES = 1024 * 1024;

/** Opens a path (a regular file, within the size limit) or wraps bytes in memory. Errors say why, without the name. */
export async function openByteSource(input: ByteInput, maxInputBytes: number): Promise<ByteSource> {
  if (input.kind === 'bytes') {
    const { bytes } = input;
    checkSize(bytes.byteLength, maxInputBytes);
    return { size: bytes.byteLength, inMemory: bytes, modifiedAtMs: null, open: () => memoryChunks(bytes) };
  }
  const info = await stat(input.path);
  if (!info.isFile()) throw new Error('not a regular file');
  checkSize(info.size, maxInputBytes);
  return {
    size: info.size,
    inMemory: null,
    modifiedAtMs: info.mtimeMs,
    open: () => fileChunks(input.path, info.size),
  };
}

function checkSize(size: number, maxInputBytes: number): void {
  if (size > maxInputBytes) throw new Error(`file is ${size} bytes, over the limit of ${maxInputBytes}`);
}

async function* memoryChunks(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += CHUNK_BYTES) {
    yield bytes.subarray(offset, Math.min(bytes.byteLength, offset + CHUNK_BYTES));
  }
}

/** Reads exactly the bytes `stat` saw, so every pass of one import reads the same file length. */
async function* fileChunks(path: string, size: number): AsyncGenerator<Uint8Array> {
  if (size === 0) return;
  const stream = createReadStream(path, { start: 0, end: size - 1, highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } finally {
    stream.destroy();
  }
}

/** Whether the file starts with gzip's magic bytes (RFC 1952 §2.3.1). */
export async function startsWithGzip(source: ByteSource): Promise<boolean> {
  const first: number[] = [];
  for await (const chunk of source.open()) {
    for (let i = 0; i < chunk.length && first.length < 2; i++) first.push(chunk[i] as number);
    if (first.length >= 2) break;
  }
  return isGzip(Uint8Array.from(first));
}

/**
 * The file's content as it streams: `raw` itself, or inflated when the file is
 * gzip (every member, as gzip(1) and zlib.gunzipSync read them). Fails with a
 * DecompressionError whose reason matches nodeDecompressor's ("truncated gzip
 * data", "decompressed size exceeds the limit of N bytes").
 */
export async function* contentChunks(
  raw: AsyncIterable<Uint8Array>,
  gzip: boolean,
  maxDecompressedBytes: number,
): AsyncGenerator<Uint8Array> {
  if (!gzip) {
    yield* raw;
    return;
  }
  // 256 KiB out per chunk rather than zlib's 16 KiB: a 26 MB profile is 100 chunks a pass, not 1,600 awaits.
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  const input = Readable.from(raw, { objectMode: false });
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  let produced = 0;
  try {
    for await (const chunk of gunzip) {
      const bytes = chunk as Buffer;
      produced += bytes.length;
      if (produced > maxDecompressedBytes) {
        throw new DecompressionError(`decompressed size exceeds the limit of ${maxDecompressedBytes} bytes`);
      }
      yield bytes;
    }
  } catch (error) {
    if (error instanceof DecompressionError || !isZlibError(error)) throw error;
    throw new DecompressionError(gunzipFailureReason(error, maxDecompressedBytes));
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}

function isZlibError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

/** Up to `maxBytes` of the file's content (inflated when gzip), and whether that is all of it. */
export async function readContentHead(
  source: ByteSource,
  gzip: boolean,
  maxBytes: number,
  maxDecompressedBytes: number,
): Promise<{ head: Uint8Array; whole: boolean }> {
  const parts: Uint8Array[] = [];
  let length = 0;
  let whole = true;
  for await (const chunk of contentChunks(source.open(), gzip, maxDecompressedBytes)) {
    const room = maxBytes - length;
    parts.push(chunk.subarray(0, room));
    length += Math.min(room, chunk.length);
    if (chunk.length > room) {
      whole = false;
      break;
    }
  }
  return { head: concatBytes(parts, length), whole };
}

export function concatBytes(parts: readonly Uint8Array[], length: number): Uint8Array {
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.length === length) return only;
  const whole = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
}
