import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { DecompressionError } from '../../shared/import/decompress';
import { CHUNK_BYTES, contentChunks, openByteSource, readContentHead, startsWithGzip } from './byte-source';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return new Uint8Array(Buffer.concat(parts));
}

async function failure(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  try {
    await collect(chunks);
  } catch (error) {
    expect(error).toBeInstanceOf(DecompressionError);
    return (error as DecompressionError).reason;
  }
  throw new Error('did not fail');
}

async function* of(...parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* parts;
}

describe('byte sources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-bytes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file in chunks, the same bytes on every pass', async () => {
    const data = new Uint8Array(CHUNK_BYTES * 2 + 123).map((_, i) => (i * 7) % 251);
    const path = join(dir, 'data.bin');
    writeFileSync(path, data);
    const source = await openByteSource({ kind: 'path', path }, data.length);
    expect(source.size).toBe(data.length);
    expect(source.inMemory).toBeNull();
    const sizes: number[] = [];
    for await (const chunk of source.open()) sizes.push(chunk.length);
    expect(sizes).toEqual([CHUNK_BYTES, CHUNK_BYTES, 123]);
    // Buffer.equals: a deep comparison of 2 MB element by element takes the test runner minutes.
    expect(Buffer.from(await collect(source.open())).equals(data)).toBe(true);
    expect(Buffer.from(await collect(source.open())).equals(data)).toBe(true);
  });

  it('slices bytes in memory without copying them', async () => {
    const data = new Uint8Array(CHUNK_BYTES + 1);
    const source = await openByteSource({ kind: 'bytes', bytes: data }, data.length);
    expect(source.inMemory).toBe(data);
    const chunks: Uint8Array[] = [];
    for await (const chunk of source.open()) chunks.push(chunk);
    expect(chunks.map((c) => c.length)).toEqual([CHUNK_BYTES, 1]);
    expect(chunks[0]?.buffer).toBe(data.buffer);
  });

  it('refuses bytes over the size limit', async () => {
    await expect(openByteSource({ kind: 'bytes', bytes: new Uint8Array(11) }, 10)).rejects.toThrow(
      'file is 11 bytes, over the limit of 10',
    );
  });

  it('tells gzip from its magic bytes, even when they arrive split', async () => {
    const gz = new Uint8Array(gzipSync(text('hello')));
    const path = join(dir, 'small.gz');
    writeFileSync(path, gz);
    expect(await startsWithGzip(await openByteSource({ kind: 'path', path }, 1000))).toBe(true);
    expect(await startsWithGzip(await openByteSource({ kind: 'bytes', bytes: text('{}') }, 1000))).toBe(false);
  });
});

describe('contentChunks', () => {
  it('inflates every member of a multi-member gzip stream fed in small pieces', async () => {
    const whole = new Uint8Array([...gzipSync(text('first ')), ...gzipSync(text('second'))]);
    const pieces = Array.from({ length: whole.length }, (_, i) => whole.subarray(i, i + 1));
    expect(new TextDecoder().decode(await collect(contentChunks(of(...pieces), true, 100)))).toBe('first second');
  });

  it('passes uncompressed bytes through', async () => {
    expect(await collect(contentChunks(of(text('ab'), text('c')), false, 1))).toEqual(text('abc'));
  });

  it('stops at the output limit, and names truncated and corrupt data as the whole-file gunzip does', async () => {
    const bomb = new Uint8Array(gzipSync(new Uint8Array(4 * 1024 * 1024)));
    expect(await failure(contentChunks(of(bomb), true, 1024 * 1024))).toBe(
      'decompressed size exceeds the limit of 1048576 bytes',
    );
    const whole = new Uint8Array(gzipSync(text('some text that compresses '.repeat(20))));
    expect(await failure(contentChunks(of(whole.subarray(0, whole.length - 10)), true, 10_000))).toBe(
      'truncated gzip data',
    );
    const corrupt = new Uint8Array(whole);
    corrupt[3] = 0xff; // FLG with reserved bits set (RFC 1952 §2.3.1)
    expect(await failure(contentChunks(of(corrupt), true, 10_000))).toMatch(/^corrupt gzip data: /);
  });

  it('passes on an error of the bytes underneath (a cancellation) as it is', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(gzipSync(text('x'.repeat(1000)))).subarray(0, 20);
      throw new Error('import cancelled');
    }
    await expect(collect(contentChunks(failing(), true, 10_000))).rejects.toThrow('import cancelled');
  });
});

describe('readContentHead', () => {
  it('gives the first bytes of the content and says whether that is all of it', async () => {
    const content = text('0123456789');
    const source = await openByteSource({ kind: 'bytes', bytes: new Uint8Array(gzipSync(content)) }, 1000);
    const head = async (maxBytes: number): Promise<[string, boolean]> => {
      const { head, whole } = await readContentHead(source, true, maxBytes, 1000);
      return [new TextDecoder().decode(head), whole];
    };
    expect(await head(4)).toEqual(['0123', false]);
    expect(await head(10)).toEqual(['0123456789', true]);
    expect(await head(50)).toEqual(['0123456789', true]);
  });
});
