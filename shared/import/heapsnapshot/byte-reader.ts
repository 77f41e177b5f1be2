/**
 * A cursor over the UTF-8 bytes of a .heapsnapshot document. Snapshots reach
 * hundreds of megabytes, more than one JS string can hold (V8 caps strings at
 * about 2^29 code units), so the document is never decoded whole: readers take
 * one token at `pos` and move past it.
 */
import { fail } from '../errors';

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;

export class ByteReader {
  pos = 0;

  constructor(readonly bytes: Uint8Array) {}

  get atEnd(): boolean {
    return this.pos >= this.bytes.length;
  }

  /** The byte at `pos`, or -1 past the end. */
  peek(): number {
    return this.pos < this.bytes.length ? (this.bytes[this.pos] as number) : -1;
  }

  /** JSON whitespace: space, tab, line feed, carriage return. */
  skipWhitespace(): void {
    const bytes = this.bytes;
    let p = this.pos;
    while (p < bytes.length) {
      const c = bytes[p] as number;
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      p++;
    }
    this.pos = p;
  }

  /** Skips whitespace, then consumes `byte` or fails naming what was expected where. */
  expect(byte: number, context: string): void {
    this.skipWhitespace();
    if (this.atEnd) this.truncated(context);
    if (this.bytes[this.pos] !== byte) {
      fail(
        `expected '${String.fromCharCode(byte)}' ${context} at byte ${this.pos}, found ${describeByteAt(this.bytes, this.pos)}`,
      );
    }
    this.pos++;
  }

  /** Fails for a document that stops early: the most common damage (an interrupted download or copy). */
  truncated(context: string): never {
    return fail(`truncated heap snapshot: the document ends ${context} (at byte ${this.bytes.length})`);
  }
}

/** "'x'" for printable ASCII, "byte 0xNN" otherwise, for failure reasons. */
export function describeByteAt(bytes: Uint8Array, pos: number): string {
  if (pos >= bytes.length) return 'the end of the document';
  const c = bytes[pos] as number;
  if (c >= 0x20 && c < 0x7f) return `'${String.fromCharCode(c)}'`;
  return `byte 0x${c.toString(16).padStart(2, '0')}`;
}
