/** The fuzz harness's seeds: every format's small real files under test/fixtures, by format (its folder). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** test/fixtures; scripts/fuzz.mjs, which runs this file bundled elsewhere, names the repository. */
export const FIXTURES =
  process.env.KILN_ROOT !== undefined
    ? join(process.env.KILN_ROOT, 'test', 'fixtures')
    : fileURLToPath(new URL('../fixtures/', import.meta.url));
/** Seeds above this are left out: mutating them costs time without reaching new code. */
const MAX_SEED_BYTES = 300_000;
/** Files beside the fixtures that are not inputs: notes, expected outputs, reference reports. */
const NOT_INPUTS = /(^SOURCES\.md$|^expected\.json$|\.annotate\.txt$|\.inclusive\.txt$|\.report\.txt$|\.ts$|\.md$)/;

export interface Seed {
  /** The fixture folder: pprof, cpuprofile, gc, … */
  format: string;
  /** Relative to test/fixtures. */
  path: string;
  bytes: Uint8Array;
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

export function fuzzSeeds(): Seed[] {
  const seeds: Seed[] = [];
  for (const format of readdirSync(FIXTURES).sort()) {
    const dir = join(FIXTURES, format);
    if (!statSync(dir).isDirectory()) continue;
    const inputs = walk(dir).filter((path) => !NOT_INPUTS.test(path.slice(path.lastIndexOf('/') + 1)));
    const small = inputs.filter((path) => statSync(path).size > 0 && statSync(path).size <= MAX_SEED_BYTES);
    // A format with no small file (heap snapshots, JFR) still gets its smallest one.
    const chosen = small.length > 0 ? small : inputs.sort((a, b) => statSync(a).size - statSync(b).size).slice(0, 1);
    for (const path of chosen) {
      seeds.push({ format, path: relative(FIXTURES, path), bytes: new Uint8Array(readFileSync(path)) });
    }
  }
  return seeds;
}
