import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_LIMITS } from '../../shared/import/limits';
import { endOfCompleteFields, headIsPprof } from './pprof-head';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures');
const read = (path: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, path)));
const inflated = (path: string): Uint8Array => new Uint8Array(gunzipSync(read(path)));
const isPprof = (head: Uint8Array, name = 'file'): boolean => headIsPprof(head, name, DEFAULT_IMPORT_LIMITS);

describe('headIsPprof', () => {
  it('recognises a pprof from a head cut anywhere, mid-field included', () => {
    const pprof = inflated('pprof/cpu_1.pb.gz');
    for (const length of [200, 1000, 4096, 12_345, pprof.length]) {
      expect(isPprof(pprof.subarray(0, length), 'cpu_1.pb'), `head of ${length} bytes`).toBe(true);
    }
    expect(isPprof(inflated('pprof/heap_1.pb.gz').subarray(0, 3000))).toBe(true);
  });

  it('leaves every other format to the whole-file path', () => {
    const heads: [string, Uint8Array][] = [
      ['collapsed stacks', read('collapsed/speedscope__stackcollapse__simple.txt')],
      ['a cpuprofile', read('cpuprofile/node-leaky.cpuprofile')],
      ['a heap profile', read('heapprofile/node-leaky.heapprofile')],
      ['a JFR recording', read('jfr/kiln-producer.jfr')],
      ["pprof's legacy binary CPU format", read('pprof-legacy-cpu/pprof__gobench.cpu')],
      ["pprof's legacy text format", read('pprof-legacy/go119-heap.txt')],
      ['a JVM GC log', read('gc/jvm-unified/jdk17-g1.log')],
      ['gzip inside gzip', read('pprof/cpu_1.pb.gz')],
    ];
    for (const [what, bytes] of heads) expect(isPprof(bytes.subarray(0, 4096)), what).toBe(false);
  });

  it('does not stream a file whose first field is longer than the head (a sample 100k frames deep)', () => {
    const pprof = inflated('pprof/cpu_1.pb.gz');
    const first = endOfCompleteFields(pprof.subarray(0, 1000));
    expect(first).toBeGreaterThan(0);
    // Cut inside the first field: nothing complete, so no verdict from the sniffer, and no streaming.
    expect(isPprof(pprof.subarray(0, 2))).toBe(false);
  });
});

describe('endOfCompleteFields', () => {
  it('ends after the last whole field: varint and length-delimited fields, a partial one left out', () => {
    // field 9 (time_nanos) varint 300; field 6 (string_table) "ab"; field 6 cut after one byte of three.
    const bytes = Uint8Array.from([0x48, 0xac, 0x02, 0x32, 0x02, 0x61, 0x62, 0x32, 0x03, 0x61]);
    expect(endOfCompleteFields(bytes)).toBe(7);
    expect(endOfCompleteFields(bytes.subarray(0, 2))).toBe(0);
  });

  it('gives 0 for bytes that are not protobuf fields', () => {
    expect(endOfCompleteFields(new TextEncoder().encode('main;foo 1\n'))).toBe(0);
    // Wire type 5 (fixed32): profile.proto has none.
    expect(endOfCompleteFields(Uint8Array.from([0x0d, 1, 2, 3, 4]))).toBe(0);
    // A varint longer than ten bytes.
    expect(endOfCompleteFields(Uint8Array.from([0x48, ...new Array(11).fill(0xff), 1]))).toBe(0);
  });
});
