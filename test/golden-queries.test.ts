/**
 * Every query answers as it did before the store's writer, stack storage and query representation were
 * rewritten: for every fixture and corpus file, the catalogue totals, flame trees, top functions, sandwiches,
 * stack charts, label keys, catalogue search and the invert/focus/hide/lines filters are recomputed with the
 * current code and compared with test/golden/query-answers.json, which the same recorder
 * (test/golden/record-answers.ts) wrote from the commit named in its header.
 *
 * Regenerate (only from a commit whose answers are the reference, never from a tree under change):
 *   git worktree add ../golden-base <commit> && ln -s "$PWD/node_modules" ../golden-base/node_modules
 *   cp --parents -r test/golden test/golden-queries.test.ts ../golden-base/
 *   (cd ../golden-base && KILN_WRITE_GOLDEN=1 npx vitest run test/golden-queries.test.ts)
 *   cp ../golden-base/test/golden/query-answers.json test/golden/
 * (test/golden/contract-adapter.ts speaks both the reference commit's contract and today's; a later contract
 * change goes there.) When a change to one file's answers is meant (an importer fix), re-record only that file
 * from the current tree; the header lists it with the tree it came from:
 *   KILN_WRITE_GOLDEN=fixtures/a/b.log,corpus/c/d.txt npx vitest run test/golden-queries.test.ts
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { diffAnswers } from './golden/compare-answers';
import {
  GOLDEN_VERSION,
  goldenFiles,
  recordFile,
  sha256Of,
  type FileEntry,
  type GoldenAnswers,
} from './golden/record-answers';

const ROOT = join(__dirname, '..');
const GOLDEN = join(__dirname, 'golden', 'query-answers.json');
/** '1': record every file; a comma-separated list of file keys: re-record only those in the existing answers. */
const WRITE = process.env.KILN_WRITE_GOLDEN ?? '';

const REGENERATE =
  'see the header comment of test/golden-queries.test.ts: KILN_WRITE_GOLDEN=1 npx vitest run test/golden-queries.test.ts in a worktree of the reference commit';

function pathOf(key: string): string {
  return key.startsWith('corpus/')
    ? join(ROOT, '..', 'shared', 'corpus', key.slice('corpus/'.length))
    : join(ROOT, 'test', 'fixtures', key.slice('fixtures/'.length));
}

/** Written as Prettier writes JSON (`npm run lint` checks it), which also keeps a re-recorded file's diff readable. */
async function writeGolden(golden: GoldenAnswers): Promise<void> {
  const options = (await resolveConfig(GOLDEN)) ?? {};
  writeFileSync(GOLDEN, await format(JSON.stringify(golden), { ...options, parser: 'json' }));
}

function treeName(): string {
  const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' });
  return `${commit}${dirty.trim() ? ' (with uncommitted changes)' : ''}`;
}

describe.runIf(WRITE !== '' && WRITE !== '1')('golden query answers: re-recording some files', () => {
  it('re-records the files named', { timeout: 900_000 }, async () => {
    const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as GoldenAnswers;
    const updated = { ...golden.header.updated };
    for (const key of WRITE.split(',')) {
      if (!(key in golden.files)) throw new Error(`${key} is not a recorded file`);
      const bytes = new Uint8Array(readFileSync(pathOf(key)));
      golden.files[key] = await recordFile(pathOf(key), bytes);
      updated[key] = `${treeName()} at ${new Date().toISOString()}`;
    }
    golden.header.updated = updated;
    await writeGolden(golden);
  });
});

describe.runIf(WRITE === '1')('golden query answers: writing', () => {
  it('records every file', { timeout: 900_000 }, async () => {
    const files: Record<string, FileEntry> = {};
    const firstWithHash = new Map<string, string>();
    for (const { key, path } of goldenFiles(ROOT)) {
      const bytes = new Uint8Array(readFileSync(path));
      const hash = sha256Of(bytes);
      const first = firstWithHash.get(hash);
      if (first !== undefined) {
        files[key] = { sha256: hash, sameAs: first };
        continue;
      }
      firstWithHash.set(hash, key);
      const started = Date.now();
      files[key] = await recordFile(path, bytes);
      console.log(`${key}: ${Date.now() - started} ms`);
    }
    const golden: GoldenAnswers = {
      header: {
        generatedFrom: treeName(),
        generatedAt: new Date().toISOString(),
        regenerate: REGENERATE,
        version: GOLDEN_VERSION,
      },
      files,
    };
    await writeGolden(golden);
  });
});

const golden: GoldenAnswers | null =
  WRITE === '' && existsSync(GOLDEN) ? (JSON.parse(readFileSync(GOLDEN, 'utf8')) as GoldenAnswers) : null;
const entries = Object.entries(golden?.files ?? {});
const answered = entries.filter(([, entry]) => 'items' in entry);
const copies = entries.filter(([, entry]) => 'sameAs' in entry);
// Files refused then (47 at affec68) have no answers to compare: a fix may make a supported one import, and
// test/corpus.test.ts says what happens to each.

describe.runIf(golden !== null)(`queries answer as at ${golden?.header.generatedFrom.slice(0, 12)}`, () => {
  it('the recorded files are still there, byte for byte (copies included)', () => {
    const changed = [...answered, ...copies]
      .filter(([key, entry]) => !existsSync(pathOf(key)) || sha256Of(readFileSync(pathOf(key))) !== entry.sha256)
      .map(([key]) => key);
    expect(changed, `missing or changed files; regenerate: ${REGENERATE}`).toEqual([]);
  });

  it.each(answered)('%s', { timeout: 900_000 }, async (key, expected) => {
    const path = pathOf(key);
    const actual = await recordFile(path, new Uint8Array(readFileSync(path)));
    expect(diffAnswers(expected, actual)).toEqual([]);
  });
});
