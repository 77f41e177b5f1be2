/**
 * shared/ cannot reach zlib, so the caller injects gunzip (main/ingest gives
 * Node's; a browser could give DecompressionStream-based one).
 */
export interface Decompressor {
  /**
   * Decompresses gzip data, all members of a multi-member stream (RFC 1952
   * §2.2). Must stop and throw `DecompressionError` as soon as the output
   * would exceed `maxOutputBytes`, without producing it.
   */
  gunzip(bytes: Uint8Array, maxOutputBytes: number): Uint8Array;
}

/** A decompressor's failure, with a reason fit to show: "truncated gzip data". */
export class DecompressionError extends Error {
  override readonly name = 'DecompressionError';

  constructor(readonly reason: string) {
    super(reason);
  }
}

/** gzip magic bytes (RFC 1952 §2.3.1: ID1 = 0x1f, ID2 = 0x8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
