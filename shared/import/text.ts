/**
 * Bytes to text for the text formats. The Unicode byte order mark decides the
 * encoding (UTF-8, UTF-16 LE or BE, as speedscope's stackcollapse fixtures
 * have); without one the text is UTF-8. Invalid sequences become U+FFFD
 * rather than failing: a function name with a broken byte is still useful.
 */
import { fail } from './errors';

interface TextDecoderLike {
  decode(input: Uint8Array): string;
}
type TextDecoderConstructor = new (
  label?: string,
  options?: { fatal?: boolean; ignoreBOM?: boolean },
) => TextDecoderLike;

// TextDecoder is a global in Node and in browsers but not part of lib ES2022;
// reaching it through globalThis avoids a global declaration that would clash
// with the DOM and Node typings in the other tsconfig projects.
const TextDecoderImpl = (globalThis as unknown as { TextDecoder: TextDecoderConstructor }).TextDecoder;

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

/** The encoding announced by a byte order mark, and the mark's length. */
export function byteOrderMark(bytes: Uint8Array): { encoding: TextEncoding; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * Decodes the whole input. A JS string holds at most about 2^29 code units in
 * V8; a longer text fails here with a reason instead of the engine's error.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const bom = byteOrderMark(bytes);
  const encoding = bom?.encoding ?? 'utf-8';
  const body = bom ? bytes.subarray(bom.length) : bytes;
  try {
    if (encoding === 'utf-8') return { text: new TextDecoderImpl('utf-8').decode(body), encoding };
    // Node's small-ICU builds lack a UTF-16BE decoder; swapping each pair of
    // bytes and decoding as UTF-16LE works everywhere.
    const littleEndian = encoding === 'utf-16le' ? body : swapBytePairs(body);
    return { text: new TextDecoderImpl('utf-16le').decode(littleEndian), encoding };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail(`cannot decode ${body.length} bytes as ${encoding} text: ${message}`);
  }
}

function swapBytePairs(bytes: Uint8Array): Uint8Array {
  const swapped = new Uint8Array(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1] as number;
    swapped[i + 1] = bytes[i] as number;
  }
  return swapped;
}

/** Decodes at most the first `maxBytes` bytes, for sniffing without decoding a whole file. */
export function decodeTextPrefix(bytes: Uint8Array, maxBytes: number): string {
  const bom = byteOrderMark(bytes);
  const encoding = bom?.encoding ?? 'utf-8';
  let body = bytes.subarray(bom?.length ?? 0, (bom?.length ?? 0) + maxBytes);
  if (encoding !== 'utf-8') {
    body = body.subarray(0, body.length - (body.length % 2));
    if (encoding === 'utf-16be') body = swapBytePairs(body);
    return new TextDecoderImpl('utf-16le').decode(body);
  }
  return new TextDecoderImpl('utf-8').decode(body);
}
