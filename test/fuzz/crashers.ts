/**
 * Crashers the fuzz harness found, kept as regression files: test/fuzz/crashers/<format>-<hash>.<ext>, each with a
 * <file>.note.json note (seed file, mutation, case seed, outcome). test/fuzz.test.ts replays every one; those listed in
 * known.json (file → reason) are known defects reported to the lead, replayed but not required to pass yet.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FuzzCase } from './mutate-file';
import type { CaseResult } from './run-case';

export const CRASHERS =
  process.env.KILN_ROOT !== undefined
    ? join(process.env.KILN_ROOT, 'test', 'fuzz', 'crashers')
    : fileURLToPath(new URL('./crashers/', import.meta.url));

export interface CrasherNote {
  /** The name the file was imported under. */
  name: string;
  format: string;
  seedPath: string;
  mutation: string;
  caseSeed: number;
  outcome: string;
  detail: string;
}

/** Writes a crasher and its note; returns the file's name in test/fuzz/crashers. */
export function keepCrasher(fuzzCase: FuzzCase, result: CaseResult): string {
  mkdirSync(CRASHERS, { recursive: true });
  const hash = createHash('sha256').update(fuzzCase.bytes).digest('hex').slice(0, 12);
  const ext = /\.([A-Za-z0-9]+(?:\.gz)?)$/.exec(fuzzCase.name)?.[1] ?? 'bin';
  const file = `${fuzzCase.format}-${hash}.${ext}`;
  writeFileSync(join(CRASHERS, file), fuzzCase.bytes);
  const note: CrasherNote = {
    name: fuzzCase.name,
    format: fuzzCase.format,
    seedPath: fuzzCase.seedPath,
    mutation: fuzzCase.mutation,
    caseSeed: fuzzCase.caseSeed,
    outcome: result.outcome,
    detail: result.detail.slice(0, 1000),
  };
  writeFileSync(join(CRASHERS, `${file}.note.json`), `${JSON.stringify(note, null, 2)}\n`);
  return file;
}

export interface KeptCrasher {
  file: string;
  note: CrasherNote;
  bytes: Uint8Array;
  /** Why it still fails, when it is a known defect (known.json); null when it must pass. */
  known: string | null;
}

export function keptCrashers(): KeptCrasher[] {
  if (!existsSync(CRASHERS)) return [];
  const knownPath = join(CRASHERS, 'known.json');
  const known = existsSync(knownPath) ? (JSON.parse(readFileSync(knownPath, 'utf8')) as Record<string, string>) : {};
  return readdirSync(CRASHERS)
    .filter((file) => existsSync(join(CRASHERS, `${file}.note.json`)))
    .sort()
    .map((file) => ({
      file,
      note: JSON.parse(readFileSync(join(CRASHERS, `${file}.note.json`), 'utf8')) as CrasherNote,
      bytes: new Uint8Array(readFileSync(join(CRASHERS, file))),
      known: known[file] ?? null,
    }));
}
