/**
 * UTF-8 runs of the snapshot to JS strings. Short ASCII runs (most names in a
 * snapshot: V8's serializer writes every non-ASCII character as a \u escape)
 * skip TextDecoder's per-call cost.
 */

interface TextDecoderLike {
  decode(input: Uint8Array): string;
}
type TextDecoderConstructor = new (label?: string, options?: { ignoreBOM?: boolean }) => TextDecoderLike;

// TextDecoder is a global in Node and browsers but not in lib ES2022 (see shared/import/text.ts).
const TextDecoderImpl = (globalThis as unknown as { TextDecoder: TextDecoderConstructor }).TextDecoder;
// ignoreBOM: a name that starts with U+FEFF keeps it; invalid bytes become U+FFFD, as in JSON.parse of decoded text.
const decoder = new TextDecoderImpl('utf-8', { ignoreBOM: true });

const ASCII_CHUNK = 4096;

/** Decodes bytes[start, end). `ascii` says the caller saw no byte >= 0x80. */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number, ascii: boolean): string {
  if (!ascii || end - start > ASCII_CHUNK) return decoder.decode(bytes.subarray(start, end));
  if (end === start) return '';
  return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
}

/** Decodes a small region (the snapshot header) in one call. */
export function decodeUtf8Region(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
