import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DecompressionError } from '../../shared/import/decompress';
import { nodeDecompressor } from './node-decompressor';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const gzip = (data: Uint8Array): Uint8Array => new Uint8Array(gzipSync(data));
const decode = (data: Uint8Array): string => new TextDecoder().decode(data);

function reason(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DecompressionError);
    return (error as DecompressionError).reason;
  }
  throw new Error('did not fail');
}

describe('nodeDecompressor', () => {
  it('inflates gzip data', () => {
    expect(decode(nodeDecompressor.gunzip(gzip(bytes('hello profile')), 1000))).toBe('hello profile');
  });

  it('reads every member of a multi-member stream, as gzip(1) does', () => {
    const twoMembers = new Uint8Array([...gzip(bytes('first ')), ...gzip(bytes('second'))]);
    expect(decode(nodeDecompressor.gunzip(twoMembers, 1000))).toBe('first second');
  });

  it('allows output of exactly the limit and refuses one byte more', () => {
    const data = gzip(new Uint8Array(1000));
    expect(nodeDecompressor.gunzip(data, 1000).length).toBe(1000);
    expect(reason(() => nodeDecompressor.gunzip(data, 999))).toBe('decompressed size exceeds the limit of 999 bytes');
  });

  it('stops a bomb at the limit', () => {
    const bomb = gzip(new Uint8Array(32 * 1024 * 1024));
    expect(reason(() => nodeDecompressor.gunzip(bomb, 1024 * 1024))).toBe(
      'decompressed size exceeds the limit of 1048576 bytes',
    );
  });

  it('clamps a limit beyond what a Buffer can hold', () => {
    expect(decode(nodeDecompressor.gunzip(gzip(bytes('x')), Number.MAX_SAFE_INTEGER))).toBe('x');
  });

  it('names truncated and corrupt data', () => {
    const whole = gzip(bytes('some text that compresses '.repeat(20)));
    expect(reason(() => nodeDecompressor.gunzip(whole.subarray(0, whole.length - 10), 10_000))).toBe(
      'truncated gzip data',
    );
    const corrupt = new Uint8Array(whole);
    corrupt[3] = 0xff; // FLG with reserved bits set (RFC 1952 §2.3.1)
    expect(reason(() => nodeDecompressor.gunzip(corrupt, 10_000))).toMatch(/^corrupt gzip data: /);
  });
});
