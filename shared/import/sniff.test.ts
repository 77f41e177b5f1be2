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

describe('detection of the other formats', () => {
  it.each([
    ['other/speedscope__trace-event__matching-x.json', 'chrome-trace'],
    ['other/speedscope__speedscope__0.1.2__simple-sampled.speedscope.json', 'speedscope'],
    ['other/node-leaky.heapprofile', 'heapprofile'],
    ['other/pprof__cppbench.heap', 'pprof-legacy'],
    ['other/pprof__gobench.cpu', 'pprof-legacy'],
  ])('%s is %s', (path, format) => {
    expect(detect(readFixture(path), 'file').format).toBe(format);
  });

  it('sends a document that opens like a heap snapshot to the snapshot reader, which explains what is wrong', () => {
    expect(refusal(text('{"snapshot":{"meta":{}},"nodes":[],"edges":[],"strings":[]}'), 'x.json')).toMatch(
      /^x\.json: .*(meta|node_fields)/,
    );
  });

  it('explains JSON profiles that hold nothing to import', () => {
    expect(refusal(text('{"traceEvents":[{"ph":"X","ts":1}]}'), 'x.json')).toMatch(
      /^x\.json: trace has no CPU profile/,
    );
    expect(refusal(text('{"meta":{"interval":1},"threads":[]}'), 'x.json')).toMatch(
      /^x\.json: Firefox profile has no thread with samples/,
    );
  });
});

describe('formats Kiln recognises but does not import', () => {
  it('names them', () => {
    expect(refusal(text('{"mode":"cpu","frames":{},"raw":[]}'), 'x.json')).toBe(
      'x.json: looks like a Ruby stackprof profile, which Kiln does not import yet',
    );
    expect(refusal(text('PK\u0003\u0004rest of a zip'), 'a.zip')).toBe(
      'a.zip: looks like a ZIP archive, which Kiln does not import',
    );
    expect(refusal(text('PERFILE2 and more'), 'perf.data')).toMatch(/^perf\.data: looks like a Linux perf\.data file/);
    // The heads of speedscope's sample files (../shared/corpus/public/v8-log, papyrus).
    expect(
      refusal(text('v8-version,6,0,287,53,0\nshared-library,"/usr/local/bin/node",0x1,0x2,0\n'), 'v8.log'),
    ).toMatch(/^v8\.log: looks like a V8 tick log \(node --prof\)/);
    expect(
      refusal(
        text('Stack_3185 log opened (PC)\n50002:START:3185\n50018:PUSH:3185:3: (00018A56):Form..GetFormID\n'),
        's.log',
      ),
    ).toBe('s.log: looks like a Papyrus script profiling log, which Kiln does not import');
  });

  it('says what is unknown about JSON and text', () => {
    expect(refusal(text('{"hello": 1, "world": [2]}'), 'a.json')).toBe(
      'a.json: unknown format: JSON that is not a known profile format (top-level keys: hello, world)',
    );
    expect(refusal(text('{"nodes": ['), 'a.json')).toMatch(/^a\.json: invalid JSON: /);
    expect(refusal(text('just some prose\nwithout counts\n'), 'a.txt')).toMatch(/^a\.txt: unknown format: /);
    // "key value" lines are not folded stacks: those have at least one caller;callee line.
    expect(refusal(text('t1 cached_sessions 3559\nt2 cached_sessions 9695\n'), 'stats.txt')).toMatch(
      /^stats\.txt: unknown format: /,
    );
  });
});
