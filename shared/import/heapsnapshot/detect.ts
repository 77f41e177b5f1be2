/**
 * Recognises a .heapsnapshot from its first bytes. V8's serializer always
 * opens with {"snapshot":{"meta":{…; other JSON formats do not, so this is
 * enough to tell it apart before anything is parsed.
 */
import { COLON, OPEN_BRACE, QUOTE } from './byte-reader';

const SNAPSHOT = [...'snapshot'].map((c) => c.charCodeAt(0));
const META = [...'meta'].map((c) => c.charCodeAt(0));
const PREFIX_BYTES = 4096;

/** True when `prefix` (the first bytes of a file, after gunzip) starts like {"snapshot":{"meta": … */
export function looksLikeHeapSnapshot(prefix: Uint8Array): boolean {
  const bytes = prefix.subarray(0, PREFIX_BYTES);
  let p = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const skip = (): void => {
    while (p < bytes.length && [0x20, 0x0a, 0x0d, 0x09].includes(bytes[p] as number)) p++;
  };
  const take = (byte: number): boolean => {
    skip();
    if (bytes[p] !== byte) return false;
    p++;
    return true;
  };
  const key = (name: number[]): boolean => {
    if (!take(QUOTE)) return false;
    for (const c of name) if (bytes[p++] !== c) return false;
    return bytes[p++] === QUOTE && take(COLON);
  };
  return take(OPEN_BRACE) && key(SNAPSHOT) && take(OPEN_BRACE) && key(META);
}
