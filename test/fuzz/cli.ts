/**
 * `npm run fuzz -- [--cases N] [--seed N] [--formats a,b] [--timeout-ms N] [--heap-mb N]`: runs the fuzz harness,
 * prints each crasher as found and a summary per format and outcome, and keeps every crasher in test/fuzz/crashers.
 * Exit code 1 when a crasher was found. Bundled and started by scripts/fuzz.mjs.
 */
import { parseArgs } from 'node:util';
import { keepCrasher } from './crashers';
import { fuzzRun } from './fuzz-run';
import { DEFAULT_BUDGET } from './run-case';

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      cases: { type: 'string', default: '1000' },
      seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
      formats: { type: 'string' },
      'timeout-ms': { type: 'string', default: String(DEFAULT_BUDGET.timeoutMs) },
      'heap-mb': { type: 'string', default: String(DEFAULT_BUDGET.maxOldGenerationSizeMb) },
    },
  });
  const cases = Number(values.cases);
  const seed = Number(values.seed);
  console.log(`fuzz: ${cases} cases, seed ${seed}`);
  const start = Date.now();
  const summary = await fuzzRun({
    cases,
    seed,
    formats: values.formats?.split(','),
    budget: { timeoutMs: Number(values['timeout-ms']), maxOldGenerationSizeMb: Number(values['heap-mb']) },
    onCase: (fuzzCase, result, index) => {
      if (result.outcome === 'crasher') {
        const file = keepCrasher(fuzzCase, result);
        console.log(`CRASHER ${file} (${fuzzCase.seedPath}, ${fuzzCase.mutation}): ${result.detail.slice(0, 300)}`);
      }
      if ((index + 1) % 100 === 0)
        console.log(`  ${index + 1}/${cases} cases, ${((Date.now() - start) / 1000).toFixed(0)} s`);
    },
  });
  console.log('\nformat            ok  refused-clear  crasher');
  for (const [format, counts] of [...summary.counts].sort()) {
    const n = (o: string): string => String(counts.get(o) ?? 0).padStart(5);
    console.log(`${format.padEnd(16)} ${n('ok')}  ${n('refused-clear').padStart(13)}  ${n('crasher').padStart(7)}`);
  }
  console.log(`\n${summary.crashers.length} crashers in ${((Date.now() - start) / 1000).toFixed(0)} s (seed ${seed})`);
  return summary.crashers.length > 0 ? 1 : 0;
}
