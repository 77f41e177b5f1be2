import { describe, expect, it } from 'vitest';
import { JfrBytes } from '../../../test/fixtures/jfr-synthetic';
import { ImportFailure } from '../errors';
import { ByteReader } from './byte-reader';

function reader(w: JfrBytes, maxStringLength = 1000): ByteReader {
  const bytes = new Uint8Array(w.bytes);
  return new ByteReader(bytes, 0, bytes.length, w.compressed, maxStringLength);
}

describe('ByteReader', () => {
  it.each([true, false])(
    'reads ints and longs, compressed=%s, including negatives and 9-byte varints',
    (compressed) => {
      const longs = [0, 1, 127, 128, 300, 2 ** 31 - 1, 2 ** 31, 2 ** 53 - 1, -1, -2, -(2 ** 40), -(2 ** 53 - 1)];
      const ints = [0, 1, -1, 127, 128, 2 ** 31 - 1, -(2 ** 31)];
      const w = new JfrBytes(compressed);
      for (const v of longs) w.long(v);
      for (const v of ints) w.int(v);
      w.short(-2).short(0x7fff).char(0xe9);
      const r = reader(w);
      expect(longs.map(() => r.i64())).toEqual(longs);
      expect(ints.map(() => r.i32())).toEqual(ints);
      expect([r.i16(), r.i16(), r.char()]).toEqual([-2, 0x7fff, 0xe9]);
      expect(r.remaining).toBe(0);
    },
  );

  it('reads -1 as a 9-byte varint (the 9th byte carries 8 bits)', () => {
    const r = reader(new JfrBytes(true).raw([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
    expect(r.i64()).toBe(-1);
    expect(r.pos).toBe(9);
  });

  it('reads an int padded to 4 varint bytes, as the JVM writes event sizes', () => {
    expect(reader(new JfrBytes(true).raw([0x85, 0x80, 0x80, 0x00])).i32()).toBe(5);
  });

  it('reads floats and doubles big-endian in both modes', () => {
    const w = new JfrBytes(true).raw([0x3f, 0xc0, 0, 0]).raw([0x40, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18]);
    const r = reader(w);
    expect(r.f32()).toBe(1.5);
    expect(r.f64()).toBeCloseTo(Math.PI, 15);
  });

  it.each([true, false])('reads every string encoding, compressed=%s', (compressed) => {
    const w = new JfrBytes(compressed)
      .string(null)
      .string('')
      .stringRef(42)
      .string('héllo → wörld', 'utf8')
      .string('plain ascii', 'utf8')
      .string('chars: é ü 漢', 'chars')
      .string('latin-1: é ü', 'latin1');
    const r = reader(w);
    expect(r.string()).toBeNull();
    expect(r.string()).toBe('');
    expect(r.string()).toEqual({ stringPoolKey: 42 });
    expect(r.string()).toBe('héllo → wörld');
    expect(r.string()).toBe('plain ascii');
    expect(r.string()).toBe('chars: é ü 漢');
    expect(r.string()).toBe('latin-1: é ü');
    expect(r.remaining).toBe(0);
  });

  it('reads a Latin-1 string longer than one chunk of String.fromCharCode', () => {
    const long = 'x'.repeat(20_000) + 'é';
    expect(reader(new JfrBytes(true).string(long, 'latin1'), 1e6).string()).toBe(long);
  });

  it('fails on a value that runs past its end, an unknown string encoding, a too-long string', () => {
    expect(() => reader(new JfrBytes(true).raw([0x80, 0x80])).i64()).toThrow(/truncated JFR data at byte 2/);
    expect(() => reader(new JfrBytes(false).raw([0, 0, 1])).i32()).toThrow(ImportFailure);
    expect(() => reader(new JfrBytes(true).raw([9])).string()).toThrow(/unknown string encoding 9/);
    expect(() => reader(new JfrBytes(true).string('abcdef'), 5).string()).toThrow(/maxStringLength=5/);
    // A length that does not fit in what is left fails before anything is allocated.
    expect(() => reader(new JfrBytes(true).u8(3).int(2 ** 30)).string()).toThrow(/does not fit/);
    expect(() => reader(new JfrBytes(true).u8(4).int(-5)).string()).toThrow(/-5 does not fit/);
  });
});
