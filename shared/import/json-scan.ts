/**
 * Reads a JSON document whose top level is an object, from its UTF-8 bytes,
 * without materialising its long number arrays as JS arrays. A V8 CPU profile
 * is mostly two such arrays (`samples`, `timeDeltas`, or the old `timestamps`):
 * JSON.parse of a 63 MB one with 15.7M samples held 2.7 GB, and one over the
 * sample limit was refused only after all of it was built. Here each of those
 * arrays is read number by number into a Float64Array (8 bytes a number),
 * counted against maxSamples as it grows, and refused the moment it passes
 * the limit; every other top-level value is handed to JSON.parse on its own.
 *
 * The scan is linear and only as strict as it must be to find where values
 * end (strings are skipped with their escapes); JSON.parse checks each value.
 * Anything it cannot read the fast way (not an object, a syntax error)
 * returns null, and the caller parses the whole text as before, so errors and
 * results stay those of JSON.parse. Duplicate keys: the last wins, as there.
 */
import { LimitExceeded } from './errors';
import type { ImportLimits } from './limits';

/** Top-level keys whose number arrays are read into Float64Arrays. */
const NUMBER_ARRAY_KEYS: ReadonlySet<string> = new Set(['samples', 'timeDeltas', 'timestamps']);

const TextDecoderImpl = (
  globalThis as unknown as { TextDecoder: new (label: string) => { decode(input: Uint8Array): string } }
).TextDecoder;
const utf8 = new TextDecoderImpl('utf-8');

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

/** JSON's number grammar (RFC 8259 §6), for tokens the fast path does not take. */
const JSON_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

export function scanJsonObject(bytes: Uint8Array, limits: ImportLimits): Record<string, unknown> | null {
  return new Scanner(bytes, limits).object();
}

class Scanner {
  private pos = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ImportLimits,
  ) {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) this.pos = 3;
  }

  object(): Record<string, unknown> | null {
    const { bytes } = this;
    const result: Record<string, unknown> = {};
    this.skipSpace();
    if (bytes[this.pos] !== OPEN_BRACE) return null;
    this.pos++;
    this.skipSpace();
    if (bytes[this.pos] === CLOSE_BRACE) {
      this.pos++;
    } else {
      for (;;) {
        this.skipSpace();
        if (bytes[this.pos] !== QUOTE) return null;
        const keyStart = this.pos;
        if (!this.skipString()) return null;
        const key = this.parse(keyStart, this.pos);
        if (typeof key !== 'string') return null;
        this.skipSpace();
        if (bytes[this.pos] !== COLON) return null;
        this.pos++;
        this.skipSpace();
        const value = this.value(key);
        if (value === undefined) return null;
        // defineProperty: a "__proto__" key becomes an own property, as JSON.parse makes it.
        Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
        this.skipSpace();
        const next = bytes[this.pos++];
        if (next === CLOSE_BRACE) break;
        if (next !== COMMA) return null;
      }
    }
    this.skipSpace();
    return this.pos === bytes.length ? result : null;
  }

  /** The value at `pos` (undefined when it cannot be read), leaving `pos` after it. */
  private value(key: string): unknown {
    const start = this.pos;
    if (NUMBER_ARRAY_KEYS.has(key) && this.bytes[start] === OPEN_BRACKET) {
      const numbers = this.numberArray(key);
      if (numbers !== null) return numbers;
      this.pos = start;
    }
    if (!this.skipValue()) return undefined;
    return this.parse(start, this.pos);
  }

  private parse(start: number, end: number): unknown {
    try {
      return JSON.parse(utf8.decode(this.bytes.subarray(start, end))) as unknown;
    } catch {
      return undefined;
    }
  }

  /**
   * An array of numbers only, else null (the caller reads it as any value).
   * Its entries are counted first, by the commas before its "]", so that an
   * array over maxSamples is refused before anything is allocated, and the
   * rest is read into a Float64Array of exactly its length.
   */
  private numberArray(key: string): Float64Array | null {
    const { bytes, limits } = this;
    const count = this.countEntries();
    // An empty array says nothing of its type (a heapprofile's `samples` holds objects): it stays an array.
    if (count === null || count === 0) return null;
    if (count > limits.maxSamples) {
      throw new LimitExceeded(`sample count ${count} exceeds the limit maxSamples=${limits.maxSamples} (in "${key}")`);
    }
    const values = new Float64Array(count);
    this.pos++;
    for (let k = 0; k < count; k++) {
      this.skipSpace();
      const value = this.number();
      if (value === null) return null;
      values[k] = value;
      this.skipSpace();
      if (bytes[this.pos++] !== (k + 1 < count ? COMMA : CLOSE_BRACKET)) return null;
    }
    return values;
  }

  /** Entries of the array at `pos` when it holds only number bytes, commas and spaces; null otherwise. */
  private countEntries(): number | null {
    const { bytes } = this;
    let commas = 0;
    let empty = true;
    for (let p = this.pos + 1; p < bytes.length; p++) {
      const byte = bytes[p] as number;
      if (byte === CLOSE_BRACKET) return empty ? 0 : commas + 1;
      if (byte === COMMA) commas++;
      else if (isNumberByte(byte)) empty = false;
      else if (!isSpace(byte)) return null;
    }
    return null;
  }

  /** A JSON number at `pos`, or null when something else is there. */
  private number(): number | null {
    const { bytes } = this;
    const start = this.pos;
    let p = start;
    const negative = bytes[p] === MINUS;
    if (negative) p++;
    let integer = 0;
    const digitsStart = p;
    while (p < bytes.length && (bytes[p] as number) >= ZERO && (bytes[p] as number) <= NINE) {
      integer = integer * 10 + ((bytes[p] as number) - ZERO);
      p++;
    }
    const digits = p - digitsStart;
    if (digits === 0) return null;
    const after = bytes[p];
    const plain = after !== 0x2e && after !== 0x65 && after !== 0x45;
    // Up to 15 digits a double holds exactly; "01" is not JSON, and JSON.parse must say so.
    if (plain && digits <= 15 && !(digits > 1 && bytes[digitsStart] === ZERO)) {
      this.pos = p;
      return negative ? -integer : integer;
    }
    while (p < bytes.length && isNumberByte(bytes[p] as number)) p++;
    const token = utf8.decode(bytes.subarray(start, p));
    if (!JSON_NUMBER.test(token)) return null;
    this.pos = p;
    return Number(token);
  }

  /** Moves past one value of any kind without reading it; false at malformed or unterminated input. */
  private skipValue(): boolean {
    const { bytes } = this;
    const first = bytes[this.pos];
    if (first === QUOTE) return this.skipString();
    if (first === OPEN_BRACE || first === OPEN_BRACKET) {
      let depth = 0;
      while (this.pos < bytes.length) {
        const byte = bytes[this.pos] as number;
        if (byte === QUOTE) {
          if (!this.skipString()) return false;
          continue;
        }
        this.pos++;
        if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
        else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
          depth--;
          if (depth === 0) return true;
        }
      }
      return false;
    }
    // A scalar (number, true, false, null) runs to the next delimiter; JSON.parse judges it.
    const start = this.pos;
    while (this.pos < bytes.length) {
      const byte = bytes[this.pos] as number;
      if (byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || isSpace(byte)) break;
      this.pos++;
    }
    return this.pos > start;
  }

  /** From an opening quote to just after its closing quote; false when the string never ends. */
  private skipString(): boolean {
    const { bytes } = this;
    let p = this.pos + 1;
    while (p < bytes.length) {
      const byte = bytes[p] as number;
      if (byte === BACKSLASH) p += 2;
      else if (byte === QUOTE) {
        this.pos = p + 1;
        return true;
      } else p++;
    }
    return false;
  }

  private skipSpace(): void {
    const { bytes } = this;
    while (this.pos < bytes.length && isSpace(bytes[this.pos] as number)) this.pos++;
  }
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function isNumberByte(byte: number): boolean {
  return (
    (byte >= ZERO && byte <= NINE) || byte === MINUS || byte === 0x2b || byte === 0x2e || byte === 0x65 || byte === 0x45
  );
}
