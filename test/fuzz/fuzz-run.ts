/**
 * A fuzz run: `cases` cases spread over every format's seeds, round-robin by format so that each gets its share,
 * each case's seed drawn from the run's seed. Used by test/fuzz.test.ts (a few hundred) and scripts/fuzz.mjs
 * (thousands, crashers written to test/fuzz/crashers/).
 */
import { mutateSeed, pickMutation, type FuzzCase } from './mutate-file';
import { prng } from '../fixtures/prng';
import { CaseRunner, DEFAULT_BUDGET, type Budget, type CaseResult } from './run-case';
import { fuzzSeeds, type Seed } from './seeds';

export interface RunOptions {
  cases: number;
  seed: number;
  budget?: Budget;
  /** Only seeds of these formats (fixture folders). */
  formats?: readonly string[];
  onCase?: (fuzzCase: FuzzCase, result: CaseResult, index: number) => void;
}

export interface RunSummary {
  /** format → outcome → count */
  counts: Map<string, Map<string, number>>;
  crashers: { fuzzCase: FuzzCase; result: CaseResult }[];
}

/** The cases of a run, without running them (each made when its turn comes: a bomb is 50 MB inflated). */
export function* planCases(options: RunOptions, seeds: Seed[] = fuzzSeeds()): Generator<FuzzCase> {
  const byFormat = new Map<string, Seed[]>();
  for (const s of seeds) {
    if (options.formats && !options.formats.includes(s.format)) continue;
    byFormat.set(s.format, [...(byFormat.get(s.format) ?? []), s]);
  }
  const formats = [...byFormat.keys()];
  const random = prng(options.seed);
  for (let i = 0; i < options.cases; i++) {
    const list = byFormat.get(formats[i % formats.length]!)!;
    const seed = list[Math.floor(random() * list.length)]!;
    const caseSeed = Math.floor(random() * 2 ** 32);
    yield mutateSeed(seed, pickMutation(seed, caseSeed), caseSeed);
  }
}

export async function fuzzRun(options: RunOptions): Promise<RunSummary> {
  const runner = new CaseRunner(options.budget ?? DEFAULT_BUDGET);
  const summary: RunSummary = { counts: new Map(), crashers: [] };
  try {
    let index = 0;
    for (const fuzzCase of planCases(options)) {
      const result = await runner.run(fuzzCase.name, fuzzCase.bytes);
      const counts = summary.counts.get(fuzzCase.format) ?? new Map<string, number>();
      counts.set(result.outcome, (counts.get(result.outcome) ?? 0) + 1);
      summary.counts.set(fuzzCase.format, counts);
      if (result.outcome === 'crasher') summary.crashers.push({ fuzzCase, result });
      options.onCase?.(fuzzCase, result, index++);
    }
  } finally {
    await runner.close();
  }
  return summary;
}
