/** Inputs that are not GC logs, or are broken ones: each importer fails clearly or skips, and never hangs. */
import { describe, expect, it } from 'vitest';
import type { GcLog } from '../../gc/model';
import { importGoGctrace, looksLikeGoGctrace } from './go';
import { importJvmLegacy, looksLikeJvmLegacy } from './jvm-legacy';
import { importJvmUnified, looksLikeJvmUnified } from './jvm-unified';
import { importNodeTraceGc, looksLikeNodeTraceGc } from './node';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../limits';

const IMPORTERS: [string, (text: string, limits: ImportLimits) => GcLog, (start: string) => boolean][] = [
  ['jvm-unified', importJvmUnified, looksLikeJvmUnified],
  ['jvm-legacy', importJvmLegacy, looksLikeJvmLegacy],
  ['go-gctrace', importGoGctrace, looksLikeGoGctrace],
  ['node-trace-gc', importNodeTraceGc, looksLikeNodeTraceGc],
];

const GOOD: Record<string, string> = {
  'jvm-unified': '[0.202s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->8M(256M) 3.456ms',
  'jvm-legacy': '2.167: [GC (Allocation Failure) [PSYoungGen: 10K->1K(20K)] 30K->21K(60K), 0.0010000 secs]',
  'go-gctrace': 'gc 1 @0.307s 0%: 2.4+1.6+0.12 ms clock, 4.8+0/0.61/0+0.24 ms cpu, 3->3->0 MB, 4 MB goal, 2 P',
  'node-trace-gc':
    '[1:0x1]  63 ms: Scavenge 4.4 (4.7) -> 3.7 (5.7) MB, 1.03 / 0.01 ms  (average mu = 1.000) allocation failure;',
};

function binaryJunk(length: number): string {
  let seed = 12345;
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    bytes[i] = seed >>> 24;
  }
  return new TextDecoder().decode(bytes);
}

describe.each(IMPORTERS)('%s importer on hostile input', (format, importer, looksLike) => {
  it('fails clearly on an empty text and on text without GC lines', () => {
    expect(() => importer('', DEFAULT_IMPORT_LIMITS)).toThrow(/no GC events found/);
    const prose = 'Starting service\nlistening on :8080\n[INFO] ready\n'.repeat(1000);
    expect(looksLike(prose)).toBe(false);
    expect(() => importer(prose, DEFAULT_IMPORT_LIMITS)).toThrow(/no GC events found/);
  });

  it('fails clearly on binary junk', () => {
    const junk = binaryJunk(1 << 20);
    expect(looksLike(junk.slice(0, 65536))).toBe(false);
    expect(() => importer(junk, DEFAULT_IMPORT_LIMITS)).toThrow(/no GC events found/);
  });

  it('reads the good lines around a 20 MB line, quickly', () => {
    const good = GOOD[format] as string;
    const huge = 'x'.repeat(20 * 1024 * 1024);
    const started = Date.now();
    const log = importer(`${good}\n${huge}\n${good}\n`, DEFAULT_IMPORT_LIMITS);
    expect(log.events).toHaveLength(2);
    expect(log.skippedLines).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('counts a 20 MB line that starts like a GC line as skipped', () => {
    const good = GOOD[format] as string;
    const log = importer(`${good}\n${good}${'9'.repeat(20 * 1024 * 1024)}\n`, DEFAULT_IMPORT_LIMITS);
    expect(log.events).toHaveLength(1);
    expect(log.skippedLines).toBe(1);
  });

  it('reads CRLF line ends', () => {
    const good = GOOD[format] as string;
    expect(importer(`${good}\r\n${good}\r\n`, DEFAULT_IMPORT_LIMITS).events).toHaveLength(2);
  });
});

describe('legacy records that never close', () => {
  it('skips an unbalanced record and reads the records after it', () => {
    const open = '1.000: [GC (Allocation Failure) [PSYoungGen: 10K->1K(20K) 30K->21K(60K), 0.0010000 secs]';
    const good = '2.000: [GC (Allocation Failure) [PSYoungGen: 10K->1K(20K)] 30K->21K(60K), 0.0010000 secs]';
    // The open "[" swallows the lines after it until the record limit, then the reader starts over.
    const text = `${open}\n${'filler line\n'.repeat(2_100)}${good}\n`;
    const log = importJvmLegacy(text, DEFAULT_IMPORT_LIMITS);
    expect(log.skippedLines).toBe(1);
    expect(log.events.map((e) => e.timeMs)).toEqual([2000]);
  });

  it('does not hang on thousands of nested brackets', () => {
    const text = `1.000: [GC ${'['.repeat(20_000)}${']'.repeat(20_000)} 30K->21K(60K), 0.0010000 secs]\n`;
    const started = Date.now();
    const log = importJvmLegacy(`${text}${GOOD['jvm-legacy']}\n`, DEFAULT_IMPORT_LIMITS);
    expect(log.events.length).toBeGreaterThanOrEqual(1);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('lines built to make patterns backtrack', () => {
  // Runs of digits, spaces, brackets and half-formed GC text under the 64 KB line limit, after each
  // format's own line head: each importer and detector must stay linear on them.
  const N = 60_000;
  const fillers = [
    '9'.repeat(N),
    ' '.repeat(N),
    '('.repeat(N),
    '['.repeat(N),
    '1.0: '.repeat(N / 5),
    ') 9'.repeat(N / 3),
    '9M(9%)->'.repeat(N / 8),
    'GC(1) Pause '.repeat(N / 12),
    '[GC concurrent-'.repeat(N / 15),
    'K->'.repeat(N / 3),
  ];
  const heads = ['', ...Object.values(GOOD).map((line) => line.slice(0, 40))];
  const tails = ['', 'x', 'ms', ' secs]', ']'];

  it.each(IMPORTERS)('%s stays fast', (_format, importer, looksLike) => {
    const started = Date.now();
    for (const head of heads) {
      for (const filler of fillers) {
        for (const tail of tails) {
          const line = `${head}${filler}${tail}`;
          looksLike(line);
          try {
            importer(`${line}\n${line}\n`, DEFAULT_IMPORT_LIMITS);
          } catch (error) {
            expect(String(error)).toMatch(/no GC events found/);
          }
        }
      }
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('keeps multi-line legacy records linear (many nested brackets, labels and digits)', () => {
    const started = Date.now();
    const manyLabels = `1.000: [GC ${Array.from({ length: 1999 }, () => '[a: 1] '.repeat(70)).join('\n')} 1K->1K(1K), 0.1 secs]\n`;
    expect(importJvmLegacy(manyLabels, DEFAULT_IMPORT_LIMITS).events).toHaveLength(1);
    const digits = `1.000: [GC ${Array.from({ length: 1999 }, () => '9'.repeat(500)).join('\n')} 1K->1K(1K), 0.1 secs]\n`;
    expect(importJvmLegacy(digits, DEFAULT_IMPORT_LIMITS).events).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
