import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../../test/fixtures/json-profiles';
import { classifyJson } from './json-formats';

// The shared corpus beside this clone; the tests that read it are skipped when it is absent.
const CORPUS = fileURLToPath(new URL('../../../shared/corpus/public/', import.meta.url));
const HAVE_CORPUS = existsSync(CORPUS);

describe('classifyJson', () => {
  it.each([
    ['chrome-trace/speedscope__trace-event__simple.json', 'chrome-trace'],
    ['chrome-trace/speedscope__trace-event__simple-object.json', 'chrome-trace'],
    ['chrome-trace/chromium-fib.json.gz', 'chrome-trace'],
    ['chrome-trace/node-fs-sync.json', 'chrome-trace'],
    ['speedscope/speedscope__speedscope__0.1.2__simple-sampled.speedscope.json', 'speedscope'],
    ['speedscope/speedscope__speedscope__invalid__incomplete-trace.json', 'speedscope'],
    ['firefox/fxprof__gecko-1.json', 'firefox'],
    ['firefox/fxprof__processed-1.json', 'firefox'],
    ['firefox/speedscope__Firefox__63__simple-firefox.json', 'firefox'],
    ['heapprofile/node-leaky.heapprofile', 'heapprofile'],
    ['heapprofile/speedscope__Chrome__69__Heap-20181005T144546.heapprofile', 'heapprofile'],
    ['cpuprofile/node-leaky.cpuprofile', 'cpuprofile'],
    ['cpuprofile/speedscope__node__10.11.0__example.cpuprofile', 'cpuprofile'],
    ['cpuprofile/fxprof__hello.cjs-20231120T211435.cpuprofile', 'cpuprofile'],
  ])('%s → %s', (file, format) => {
    expect(classifyJson(fixtureJson(file))).toEqual({ format });
  });

  it('small shapes', () => {
    expect(classifyJson([{ ph: 'X', ts: 1, dur: 1 }])).toEqual({ format: 'chrome-trace' });
    expect(classifyJson({ traceEvents: [] })).toEqual({ format: 'chrome-trace' });
    expect(classifyJson({ $schema: 'https://www.speedscope.app/file-format-schema.json' })).toEqual({
      format: 'speedscope',
    });
    expect(classifyJson({ meta: { interval: 1 }, threads: [] })).toEqual({ format: 'firefox' });
    expect(classifyJson({ label: 'a', profile: { meta: {}, threads: [] } })).toEqual({ format: 'firefox' });
    expect(classifyJson({ head: { callFrame: {}, selfSize: 0, children: [] } })).toEqual({ format: 'heapprofile' });
    expect(classifyJson({ nodes: [], samples: [] })).toEqual({ format: 'cpuprofile' });
    expect(classifyJson({ head: { functionName: '(root)', children: [] } })).toEqual({ format: 'cpuprofile' });
  });

  it('a .cpuprofile is never taken for another format, even with extra keys', () => {
    const cpu = fixtureJson('cpuprofile/node-leaky.cpuprofile') as Record<string, unknown>;
    expect(classifyJson({ ...cpu, meta: {}, threads: [], traceEvents: [], $schema: 'speedscope' })).toEqual({
      format: 'cpuprofile',
    });
  });

  it('keeps the heap snapshot verdict (snapshots are detected from their bytes elsewhere)', () => {
    expect(classifyJson({ snapshot: { meta: {} }, nodes: [], edges: [], strings: [] })).toEqual({
      unsupported: 'looks like a V8 heap snapshot (.heapsnapshot), which Kiln does not import yet',
    });
  });

  it.each([
    [
      'stackprof/speedscope__stackprof__simple-stackprof.json',
      'looks like a Ruby stackprof profile, which Kiln does not import yet',
    ],
    [
      'stackprof/speedscope__stackprof__object-stackprof.json',
      'looks like a Ruby stackprof profile, which Kiln does not import yet',
    ],
    [
      'safari-timeline/speedscope__Safari__13.1__simple.html-recording.json',
      'looks like a Safari timeline recording, which Kiln does not import yet',
    ],
  ])('corpus %s stays unsupported', { skip: !HAVE_CORPUS }, (file, reason) => {
    expect(classifyJson(JSON.parse(readFileSync(join(CORPUS, file), 'utf8')))).toEqual({ unsupported: reason });
  });

  it.skipIf(!HAVE_CORPUS)('every JSON file of the corpus folders these importers own gets its format', () => {
    const folders: [string, string][] = [
      ['speedscope-json', 'speedscope'],
      ['firefox-gecko', 'firefox'],
      ['v8-heapprofile', 'heapprofile'],
      ['chrome-trace', 'chrome-trace'],
    ];
    for (const [folder, format] of folders) {
      for (const file of readdirSync(join(CORPUS, folder))) {
        if (file.endsWith('.gz') || file.includes('partial')) continue;
        expect(classifyJson(JSON.parse(readFileSync(join(CORPUS, folder, file), 'utf8'))), file).toEqual({ format });
      }
    }
  });

  it('unknown JSON says what it saw', () => {
    expect(classifyJson([1, 2])).toEqual({ unknown: 'a JSON array that is not a known profile format' });
    expect(classifyJson('text')).toEqual({ unknown: 'JSON that is not a known profile format' });
    expect(classifyJson({ hello: 1 })).toEqual({
      unknown: 'JSON that is not a known profile format (top-level keys: hello)',
    });
  });
});
