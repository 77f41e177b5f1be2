/**
 * gunzip for the importers (shared/import/decompress.ts), on Node's zlib.
 * zlib.gunzipSync reads every member of a multi-member gzip stream, as gzip(1)
 * does, and `maxOutputLength` makes it stop once the output would exceed the
 * limit (ERR_BUFFER_TOO_LARGE) instead of inflating a bomb to its full size.
 */
import { constants as bufferConstants } from 'node:buffer';
import { gunzipSync } from 'node:zlib';
import { DecompressionError, type Decompressor } from '../../shared/import/decompress';

export const nodeDecompressor: Decompressor = {
  gunzip(bytes: Uint8Array, maxOutputBytes: number): Uint8Array {
    // A Buffer cannot be longer than buffer.constants.MAX_LENGTH; zlib rejects a larger maxOutputLength.
    const limit = Math.max(1, Math.min(Math.floor(maxOutputBytes), bufferConstants.MAX_LENGTH));
    try {
      const output = gunzipSync(bytes, { maxOutputLength: limit });
      return new Uint8Array(output.buffer, output.byteOffset, output.byteLength);
    } catch (error) {
      throw new DecompressionError(gunzipFailureReason(error, limit));
    }
  },
};

/** A zlib failure as a reason fit to show; shared with the streaming gunzip (byte-source.ts). */
export function gunzipFailureReason(error: unknown, limit: number): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_BUFFER_TOO_LARGE') return `decompressed size exceeds the limit of ${limit} bytes`;
  // Z_BUF_ERROR: the stream ended before the deflate data or the trailer did.
  if (code === 'Z_BUF_ERROR') return 'truncated gzip data';
  if (code === 'Z_DATA_ERROR') return `corrupt gzip data: ${message}`;
  return `gzip decompression failed: ${message}`;
}
