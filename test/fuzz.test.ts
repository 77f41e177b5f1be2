/**
 * The fuzz harness (test/fuzz) as part of npm test: a fixed seed's few hundred mutated files, spread over every
 * format's fixtures, each imported into a fresh store through the real ingest path in a worker with a 512 MB heap
 * and a 10 s budget. Each must import (the store intact: quick_check, every item's rows, no orphans) or be refused
 * with an ImportError that names the file in a short message a person can read. Then every crasher the harness ever
 * found (test/fuzz/crashers/, written by `npm run fuzz`) is replayed: those not listed as known must pass now.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { keptCrashers } from './fuzz/crashers';
import { fuzzRun } from './fuzz/fuzz-run';
import { CaseRunner } from './fuzz/run-case';
import { fuzzSeeds } from './fuzz/seeds';

/** Cases per format in npm test; `npm run fuzz -- --cases 5000` runs thousands. */
const CASES_PER_FORMAT = 16;
const SEED = 20261207;

describe('fuzz', () => {
  it(
    'every mutated fixture imports with an intact store or is refused with a clear message',
    { timeout: 240_000 },
    async () => {
      const formats = new Set(fuzzSeeds().map((s) => s.format));
      expect(formats.size).toBeGreaterThanOrEqual(15);
      const summary = await fuzzRun({ cases: CASES_PER_FORMAT * formats.size, seed: SEED });
      const crashers = summary.crashers.map(
        ({ fuzzCase: c, result }) => `${c.seedPath} ${c.mutation} #${c.caseSeed}: ${result.detail.slice(0, 300)}`,
      );
      expect(crashers).toEqual([]);
      // Every format was fuzzed, and the mutations reached both outcomes overall.
      expect([...summary.counts.keys()].sort()).toEqual([...formats].sort());
      const total = (outcome: string): number =>
        [...summary.counts.values()].reduce((n, counts) => n + (counts.get(outcome) ?? 0), 0);
      expect(total('ok')).toBeGreaterThan(0);
      expect(total('refused-clear')).toBeGreaterThan(0);
    },
  );

  describe('kept crashers replay', () => {
    const runner = new CaseRunner();
    afterAll(() => runner.close());
    const kept = keptCrashers();
    it.skipIf(kept.length > 0)('(none kept)', () => {});
    for (const crasher of kept) {
      it(`${crasher.file} (${crasher.note.mutation} of ${crasher.note.seedPath})${crasher.known ? ' [known]' : ''}`, async () => {
        const result = await runner.run(crasher.note.name, crasher.bytes);
        if (crasher.known !== null) return; // a known defect (known.json gives the reason): replayed, not required.
        expect(result.outcome, result.detail).not.toBe('crasher');
      });
    }
  });
});
