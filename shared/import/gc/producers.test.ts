/**
 * Fresh logs from the real runtimes on this machine (Java 17, Go 1.19, Node 20), made by the producers
 * in test/producers/gc, stand for the GC logs users will bring. Opt-in, because it runs the JVM eight
 * times: KILN_GC_PRODUCERS=1 npx vitest run shared/import/gc/producers
 * Each log must be claimed by its own detector only, import without skipped lines, and agree with
 * scripts/count-gc.sh on pause count and total pause. (No JDK 8 here: legacy logs come from the corpus.)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pauseTotals } from '../../../test/fixtures/gc-fixtures';
import type { GcLog } from '../../gc/model';
import { importGoGctrace, looksLikeGoGctrace } from './go';
import { looksLikeJvmLegacy } from './jvm-legacy';
import { importJvmUnified, looksLikeJvmUnified } from './jvm-unified';
import { importNodeTraceGc, looksLikeNodeTraceGc } from './node';
import { DEFAULT_IMPORT_LIMITS } from '../limits';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PRODUCERS = join(ROOT, 'test/producers/gc');
const DETECTORS = [looksLikeJvmUnified, looksLikeJvmLegacy, looksLikeGoGctrace, looksLikeNodeTraceGc];

function countWithAwk(format: string, file: string): { pauseEvents: number; totalPauseNs: number } {
  const out = execFileSync('sh', [join(ROOT, 'scripts/count-gc.sh'), '--one', format, file], { encoding: 'utf8' });
  const [pauseEvents, totalPauseNs] = out.trim().split(' ').map(Number);
  return { pauseEvents: pauseEvents as number, totalPauseNs: totalPauseNs as number };
}

function checkLog(
  file: string,
  format: string,
  detector: (start: string) => boolean,
  importer: (text: string, limits: typeof DEFAULT_IMPORT_LIMITS) => GcLog,
): GcLog {
  const text = readFileSync(file, 'utf8');
  expect(DETECTORS.filter((d) => d(text.slice(0, 65536)))).toEqual([detector]);
  const log = importer(text, DEFAULT_IMPORT_LIMITS);
  expect(log.skippedLines).toBe(0);
  expect(pauseTotals(log)).toEqual(countWithAwk(format, file));
  return log;
}

describe.runIf(process.env.KILN_GC_PRODUCERS === '1')('fresh logs from the real runtimes', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-gc-producers-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('Java 17: each collector and decoration set', { timeout: 180_000 }, () => {
    execFileSync('sh', [join(PRODUCERS, 'make-jvm-logs.sh'), join(dir, 'jvm'), '3000'], { stdio: 'inherit' });
    const collectors: Record<string, string> = {
      'jdk17-g1.log': 'G1',
      'jdk17-g1-defaults.log': 'G1',
      'jdk17-parallel.log': 'Parallel',
      'jdk17-parallel-millis.log': 'Parallel',
      'jdk17-serial.log': 'Serial',
      'jdk17-serial-time.log': 'Serial',
      'jdk17-z.log': 'ZGC',
      'jdk17-shenandoah.log': 'Shenandoah',
    };
    expect(readdirSync(join(dir, 'jvm')).sort()).toEqual(Object.keys(collectors).sort());
    for (const [name, collector] of Object.entries(collectors)) {
      const log = checkLog(join(dir, 'jvm', name), 'jvm-unified', looksLikeJvmUnified, importJvmUnified);
      expect({ name, collector: log.collector }).toEqual({ name, collector });
      expect(log.events.some((e) => e.pauseNs > 0)).toBe(true);
    }
  });

  it('Go 1.19: gctrace among the program’s own stderr, with a forced collection', { timeout: 120_000 }, () => {
    const file = join(dir, 'go', 'go119-gctrace.txt');
    execFileSync('sh', [join(PRODUCERS, 'make-go-log.sh'), file, '2000'], { stdio: 'inherit' });
    const log = checkLog(file, 'go-gctrace', looksLikeGoGctrace, importGoGctrace);
    // runtime.GC() finishes a cycle already running, then runs its own: one or two "(forced)" lines.
    expect(log.events.filter((e) => e.cause === 'forced').length).toBeGreaterThanOrEqual(1);
  });

  it('Node 20: --trace-gc with and without --minor-mc', { timeout: 120_000 }, () => {
    execFileSync('sh', [join(PRODUCERS, 'make-node-logs.sh'), join(dir, 'node'), '30000'], { stdio: 'inherit' });
    const plain = checkLog(
      join(dir, 'node', 'node20-trace-gc.txt'),
      'node-trace-gc',
      looksLikeNodeTraceGc,
      importNodeTraceGc,
    );
    expect(plain.events.some((e) => e.kind === 'mark-compact')).toBe(true);
    const minor = checkLog(
      join(dir, 'node', 'node20-minor-mc.txt'),
      'node-trace-gc',
      looksLikeNodeTraceGc,
      importNodeTraceGc,
    );
    expect(minor.events.some((e) => e.kind === 'minor-mark-compact')).toBe(true);
  });
});
