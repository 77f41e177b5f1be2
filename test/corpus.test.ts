/**
 * Every file of ../shared/corpus/public and ../shared/corpus/generated, read
 * with its name stripped: files of a supported format import (and are
 * detected as that format), files of other formats are refused with a reason
 * that names what they look like or says they are unknown, and the table in
 * docs/FORMATS.md says exactly what happens to each file.
 *
 * Regenerate the table after an intended change with:
 *   KILN_WRITE_CORPUS_TABLE=1 npx vitest run test/corpus.test.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileFormat } from '../shared/import/result';
import { checkProfile } from '../shared/profile/invariants';
import { parseFileBytes, type ParsedFile } from '../main/ingest/parse-bytes';

const ROOT = join(__dirname, '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
const DOC = join(ROOT, 'docs', 'FORMATS.md');
const START = '<!-- corpus-table:start -->';
const END = '<!-- corpus-table:end -->';

/** The corpus MANIFEST's format names → Kiln's; formats missing here are ones Kiln does not import. */
const SUPPORTED: Record<string, FileFormat> = {
  pprof: 'pprof',
  'pprof-legacy': 'pprof-legacy',
  cpuprofile: 'cpuprofile',
  'v8-heapprofile': 'heapprofile',
  'chrome-trace': 'chrome-trace',
  'speedscope-json': 'speedscope',
  'firefox-gecko': 'firefox',
  'linux-perf': 'perf-script',
  callgrind: 'callgrind',
  collapsed: 'collapsed',
  jfr: 'jfr',
  'v8-heapsnapshot': 'heapsnapshot',
  'jvm-gc-unified': 'jvm-unified',
  'jvm-gc-legacy': 'jvm-legacy',
  'go-gctrace': 'go-gctrace',
  'node-trace-gc': 'node-trace-gc',
};

/**
 * Files of a supported format that are refused on purpose: their source test
 * suites made them malformed, and the format's own tools refuse or misread them.
 */
const DELIBERATELY_REFUSED: Record<string, string> = {
  'public/speedscope-json/speedscope__speedscope__invalid__incomplete-trace.json':
    'speedscope refuses it: a frame is opened and never closed',
  'public/speedscope-json/speedscope__speedscope__invalid__out-of-order-events.json':
    'speedscope refuses it: frames close out of order',
  // The callgrind format (valgrind docs, "Subposition Compression") lets "*", "+n", "-n" stand for positions only;
  // this file compresses costs too ("* *", "+35 -300"). callgrind_annotate misreads it (120 instructions where the
  // uncompressed callgrind.example.log has 820); shared/import/callgrind/callgrind.test.ts checks the refusal.
  'public/callgrind/speedscope__callgrind__callgrind.subposition-compression.log':
    'costs written with the relative notation callgrind allows only for positions',
};

interface ManifestEntry {
  path: string;
  format: string;
}

function manifest(): ManifestEntry[] {
  const raw = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as Record<string, ManifestEntry[]>;
  return Object.values(raw)
    .flat()
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

function describeResult(parsed: ParsedFile): string {
  const kinds = new Map<string, number>();
  for (const item of parsed.items) {
    const kind = item.type === 'profile' ? item.profile.kind : item.type;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const list = [...kinds].map(([kind, n]) => (n > 1 ? `${kind} ×${n}` : kind)).join(', ');
  return `imports as ${parsed.format}: ${parsed.items.length} item${parsed.items.length === 1 ? '' : 's'} (${list})`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

const present = existsSync(join(CORPUS, 'manifest.json'));
if (!present) console.log(`SKIPPED: the shared corpus is not at ${CORPUS}`);

describe.skipIf(!present)('the shared corpus', () => {
  it(
    'imports every supported file, refuses the rest with a reason, and matches docs/FORMATS.md',
    { timeout: 300_000 },
    () => {
      const rows: string[] = [];
      const problems: string[] = [];
      for (const entry of manifest()) {
        if (!existsSync(join(CORPUS, entry.path))) {
          // The MANIFEST lists some files (*.log) that this copy of the corpus does not hold.
          rows.push(`| \`${entry.path}\` | ${entry.format} | not in this copy of the corpus |`);
          continue;
        }
        const bytes = new Uint8Array(readFileSync(join(CORPUS, entry.path)));
        const expected = SUPPORTED[entry.format];
        let result: string;
        try {
          // The name is stripped: detection must work from the bytes alone.
          const parsed = parseFileBytes(bytes, 'file');
          result = describeResult(parsed);
          if (expected === undefined)
            problems.push(`${entry.path}: ${entry.format} is not supported, yet it ${result}`);
          else if (parsed.format !== expected)
            problems.push(`${entry.path}: detected ${parsed.format}, expected ${expected}`);
          for (const item of parsed.items) {
            if (item.type !== 'profile') continue;
            const violations = checkProfile(item.profile);
            if (violations.length > 0) problems.push(`${entry.path} (${item.name}): ${violations.join('; ')}`);
          }
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          result = `refused: ${message.replace(/^file: /, '')}`;
          if (expected !== undefined && !(entry.path in DELIBERATELY_REFUSED)) {
            problems.push(`${entry.path}: ${entry.format} is supported but was refused: ${message}`);
          }
          if (expected === undefined && !/looks like|unknown format/.test(message)) {
            problems.push(`${entry.path}: refused without naming what it looks like: ${message}`);
          }
        }
        rows.push(`| \`${entry.path}\` | ${entry.format} | ${escapeCell(result)} |`);
      }
      expect(problems).toEqual([]);

      const table = ['| file | format (corpus MANIFEST) | what Kiln does |', '| --- | --- | --- |', ...rows].join('\n');
      const doc = readFileSync(DOC, 'utf8');
      const begin = doc.indexOf(START);
      const end = doc.indexOf(END);
      expect(begin, `docs/FORMATS.md has no ${START} marker`).toBeGreaterThanOrEqual(0);
      const current = doc.slice(begin + START.length, end).trim();
      if (process.env['KILN_WRITE_CORPUS_TABLE'] === '1') {
        writeFileSync(DOC, `${doc.slice(0, begin + START.length)}\n${table}\n${doc.slice(end)}`);
      } else {
        expect(current).toBe(table);
      }
    },
  );
});
