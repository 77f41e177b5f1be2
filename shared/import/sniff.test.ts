import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { nodeDecompressor } from '../../main/ingest/node-decompressor';
import { FIXTURES_DIR, importBytes, readFixture } from '../../test/fixtures/load-fixture';
import { detectFormat, ImportError } from './index';

const deps = { decompressor: nodeDecompressor };
const detect = (bytes: Uint8Array, name: string): ReturnType<typeof detectFormat> => detectFormat(bytes, name, deps);
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The ImportError thrown by importing `bytes`, as "file: reason". */
function refusal(bytes: Uint8Array, name: string): string {
  try {
    importBytes(bytes, name);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return (error as ImportError).message;
  }
  throw new Error(`${name} was imported`);
}

describe('detectFormat on the fixtures', () => {
  it.each(['pprof', 'cpuprofile', 'collapsed'] as const)('every %s fixture is detected as such', (format) => {
    const files = readdirSync(join(FIXTURES_DIR, format));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      // All pprof fixtures are gzip-compressed, as Go writes them; the others are plain.
      expect(detect(readFixture(`${format}/${file}`), file), file).toEqual({ format, compressed: format === 'pprof' });
    }
  });

  it('detects uncompressed pprof and compressed text formats', () => {
    const raw = new Uint8Array(gunzipSync(readFixture('pprof/cpu_1.pb.gz')));
    expect(detect(raw, 'cpu.pb')).toEqual({ format: 'pprof', compressed: false });
    const gzCpu = new Uint8Array(gzipSync(readFixture('cpuprofile/node-leaky.cpuprofile')));
    expect(detect(gzCpu, 'x.gz')).toEqual({ format: 'cpuprofile', compressed: true });
    const gzFolded = new Uint8Array(gzipSync(readFixture('collapsed/speedscope__stackcollapse__simple.txt')));
    expect(detect(gzFolded, 'x.gz')).toEqual({ format: 'collapsed', compressed: true });
  });

  it('decides by content, not by name', () => {
    expect(detect(readFixture('pprof/cpu_1.pb.gz'), 'notes.txt').format).toBe('pprof');
    expect(detect(readFixture('collapsed/speedscope__stackcollapse__simple.txt'), 'cpu.pb.gz').format).toBe(
      'collapsed',
    );
    expect(detect(readFixture('cpuprofile/node-leaky.cpuprofile'), 'heap.pprof').format).toBe('cpuprofile');
    // Folded stacks may begin with "[", which is not JSON.
    expect(detect(text('[unknown];main 3\n[kernel] 1\n'), 'x.json').format).toBe('collapsed');
  });
});

describe('formats Kiln recognises but does not import', () => {
  it.each([
    [
      'other/speedscope__trace-event__matching-x.json',
      'looks like a Chrome trace (trace-event JSON), which Kiln does not import yet',
    ],
    [
      'other/speedscope__speedscope__0.1.2__simple-sampled.speedscope.json',
      'looks like a speedscope profile (speedscope JSON), which Kiln does not import yet',
    ],
    [
      'other/node-leaky.heapprofile',
      'looks like a V8 sampling heap profile (.heapprofile), which Kiln does not import yet',
    ],
    [
      'other/pprof__cppbench.heap',
      'looks like a legacy text pprof profile, which Kiln does not import yet; convert it with "go tool pprof -proto"',
    ],
    [
      'other/pprof__gobench.cpu',
      'looks like a legacy binary CPU profile (gperftools), which Kiln does not import yet; convert it with "go tool pprof -proto"',
    ],
  ])('%s', (path, reason) => {
    const name = path.split('/')[1] as string;
    expect(refusal(readFixture(path), name)).toBe(`${name}: ${reason}`);
  });

  it.each([
    ['{"snapshot":{"meta":{}},"nodes":[],"edges":[],"strings":[]}', 'looks like a V8 heap snapshot (.heapsnapshot)'],
    ['{"traceEvents":[{"ph":"X","ts":1}]}', 'looks like a Chrome trace (trace-event JSON)'],
    ['{"meta":{"interval":1},"threads":[]}', 'looks like a Firefox Profiler (Gecko) profile'],
    ['{"mode":"cpu","frames":{},"raw":[]}', 'looks like a Ruby stackprof profile'],
  ])('%s', (json, reason) => {
    expect(refusal(text(json), 'x.json')).toBe(`x.json: ${reason}, which Kiln does not import yet`);
  });

  it('names other binary formats', () => {
    expect(refusal(text('PK\u0003\u0004rest of a zip'), 'a.zip')).toBe(
      'a.zip: looks like a ZIP archive, which Kiln does not import',
    );
    expect(refusal(new Uint8Array([0x46, 0x4c, 0x52, 0, 0, 2, 0, 0]), 'r.jfr')).toBe(
      'r.jfr: looks like a Java Flight Recorder recording (.jfr), which Kiln does not import yet',
    );
  });

  it('says what is unknown about JSON and text', () => {
    expect(refusal(text('{"hello": 1, "world": [2]}'), 'a.json')).toBe(
      'a.json: unknown format: JSON that is not a known profile format (top-level keys: hello, world)',
    );
    expect(refusal(text('{"nodes": ['), 'a.json')).toMatch(/^a\.json: invalid JSON: /);
    expect(refusal(text('just some prose\nwithout counts\n'), 'a.txt')).toBe(
      'a.txt: unknown format: not pprof (protobuf), a V8 .cpuprofile (JSON) or folded stacks (text)',
    );
  });
});
