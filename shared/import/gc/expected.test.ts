/**
 * Pause counts and total pause of every GC fixture (and, when present, every corpus GC file) against
 * what scripts/count-gc.sh counted with grep/sed/awk alone (test/fixtures/gc/expected.json), to the
 * nanosecond: the logs print at most 100 ns resolution, so the sums must agree exactly.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CORPUS_DIR,
  EXPECTED_GC,
  GC_FIXTURE_FORMATS,
  gcFixtures,
  HAVE_CORPUS,
  pauseTotals,
  readGcFixture,
  readLogText,
  type GcFixtureFormat,
} from '../../../test/fixtures/gc-fixtures';
import type { GcLog } from '../../gc/model';
import { summarizeGc } from '../../gc/summary';
import { importGoGctrace } from './go';
import { importJvmLegacy } from './jvm-legacy';
import { importJvmUnified } from './jvm-unified';
import { importNodeTraceGc } from './node';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../limits';

const IMPORTERS: Record<GcFixtureFormat, (text: string, limits: ImportLimits) => GcLog> = {
  'jvm-unified': importJvmUnified,
  'jvm-legacy': importJvmLegacy,
  'go-gctrace': importGoGctrace,
  'node-trace-gc': importNodeTraceGc,
};

/** Files the importers refuse on purpose: they hold no GC event (see the per-format tests). */
const REFUSED = new Set([
  'jvm-legacy/gcviewer__SampleOpenJdk1_8_0ShenandoahDetailsShutdown.txt',
  'public/jvm-gc-legacy/gcviewer__SampleOpenJdk1_8_0ShenandoahDetailsShutdown.txt',
  'public/jvm-gc-unified/gcviewer__SampleShenandoahPassiveHeuristics.txt',
]);

function check(name: string, format: GcFixtureFormat, text: string): void {
  const expected = EXPECTED_GC.files[name] ?? EXPECTED_GC.corpus[name];
  expect(expected, `${name} is missing from expected.json: run scripts/count-gc.sh`).toBeDefined();
  if (!expected) return;
  expect(expected.format).toBe(format);
  if (REFUSED.has(name)) {
    expect(expected.pauseEvents).toBe(0);
    expect(() => IMPORTERS[format](text, DEFAULT_IMPORT_LIMITS)).toThrow(/no GC events found/);
    return;
  }
  const log = IMPORTERS[format](text, DEFAULT_IMPORT_LIMITS);
  expect(pauseTotals(log)).toEqual({ pauseEvents: expected.pauseEvents, totalPauseNs: expected.totalPauseNs });
  const summary = summarizeGc(log);
  expect(summary.totalPauseMs).toBeCloseTo(expected.totalPauseNs / 1e6, 6);
  expect(summary.byKind.reduce((sum, k) => sum + k.count, 0)).toBe(expected.pauseEvents);
}

describe('GC fixtures agree with scripts/count-gc.sh', () => {
  it('lists every fixture', () => {
    const fixtures = GC_FIXTURE_FORMATS.flatMap((format) => gcFixtures(format));
    expect(Object.keys(EXPECTED_GC.files).sort()).toEqual(fixtures.sort());
  });

  it.each(GC_FIXTURE_FORMATS.flatMap((format) => gcFixtures(format).map((file) => [file, format] as const)))(
    '%s',
    (file, format) => check(file, format, readGcFixture(file)),
  );
});

describe.runIf(HAVE_CORPUS)('corpus GC files agree with scripts/count-gc.sh', () => {
  it.each(Object.entries(EXPECTED_GC.corpus).map(([name, expected]) => [name, expected.format] as const))(
    '%s',
    (name, format) => check(name, format, readLogText(join(CORPUS_DIR, name))),
  );
});
