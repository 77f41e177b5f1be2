/**
 * Records what the services answer for every profile file of test/fixtures and ../shared/corpus: catalogue
 * summaries, flame trees, top functions, sandwiches, stack charts, label keys, catalogue search and four filters.
 * The same code writes test/golden/query-answers.json from a checkout of an older commit and recomputes the
 * answers in the current tree (test/golden-queries.test.ts), so it uses the service contract only, never the
 * store or query internals, and only through contract-adapter.ts, the one file that knows the call shapes.
 *
 * Large answers are kept as a count plus a hash of a canonical text: trees with children sorted by name, file
 * and line (so the order of equal-named siblings does not matter), numbers rounded to 9 significant digits (so
 * a different summation order does not change a hash), stack-chart times relative to the chart's start.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, relative } from 'node:path';
import type { FlameTree, StackChart } from '../../shared/ipc/contract';
import { openKiln } from '../../main/services/runtime';
import { goldenApi, type GoldenApi, type ItemInfo, type ItemSummary } from './contract-adapter';

// ---- What is recorded. ----

export const GOLDEN_VERSION = 1;
/** Files larger than this uncompressed are listed as skipped: the whole generation must stay within minutes. */
export const MAX_FILE_BYTES = 30 * 1024 * 1024;
/** Top-function rows kept verbatim; the rest are in the hash. */
export const TOP_ROWS = 50;
/** The contract's largest top-functions limit (shared/ipc/validate.ts maxTopLimit): "all rows". */
const ALL_ROWS = 100_000;
const SANDWICHED = 3;
const SEARCH_LIMIT = 50;
const STACK_CHART_WIDTH_PX = 1000;

/** A query that threw: only the fact is compared, the message is kept for the reader. */
export interface Failed {
  error: string;
}
/** A flame tree: node count, root total and a hash of its canonical text. */
export interface TreeAnswer {
  nodes: number;
  rootTotal: number;
  hash: string;
}
/** [function, file, self, total] */
export type TopRow = [string, string, number, number];
export interface TopAnswer {
  rows: TopRow[];
  count: number;
  hash: string;
}
export interface FilteredAnswer {
  flame: TreeAnswer | Failed;
  top: { count: number; hash: string } | Failed;
}
export interface SampleTypeAnswers {
  sampleType: string;
  flame: TreeAnswer | Failed;
  top: TopAnswer | Failed;
  /** Keyed by function name: the sandwich of each of the top functions. */
  sandwich: Record<string, { callers: TreeAnswer; callees: TreeAnswer } | Failed>;
  /** The function that focus and hide name (the first top row), if any. */
  filterFunction: string | null;
  /** Keyed by filter: invert, focus, hide, lines. */
  filters: Record<string, FilteredAnswer>;
}
/** Label keys: per key, how many values and the sum of their stack counts, then a hash of every value's count. */
export interface LabelsAnswer {
  keys: string[];
  hash: string;
}
export interface StackChartAnswer {
  boxes: number;
  hash: string;
  durationNs: number;
  sampleCount: number;
  maxDepth: number;
  truncated: boolean;
}
export interface ItemAnswers {
  summary: ItemSummary;
  gcSummary?: unknown;
  labels?: LabelsAnswer | Failed;
  stackChart?: StackChartAnswer | Failed;
  sampleTypes?: SampleTypeAnswers[];
}
export interface FileAnswers {
  sha256: string;
  /** Keyed by the item's name within its file ("" for a file of one item; "#2"… for repeated names). */
  items: Record<string, ItemAnswers>;
  /** Catalogue search (a store holding only this file) for the top function names of each item. */
  search: Record<string, { hits: number; hash: string } | Failed>;
}
export type FileEntry =
  | FileAnswers
  | { sha256: string; refused: string }
  | { sha256: string; skipped: string }
  /** A byte-identical copy of another file: its answers are that file's. */
  | { sha256: string; sameAs: string };

export interface GoldenAnswers {
  header: {
    generatedFrom: string;
    generatedAt: string;
    regenerate: string;
    version: number;
    /** Files re-recorded later, because their answers were meant to change: file key → the tree and time. */
    updated?: Record<string, string>;
  };
  files: Record<string, FileEntry>;
}

// ---- Files. ----

/** Every profile-like file: fixtures (helpers, notes and expected results excepted) and the corpus files its manifest lists. */
export function goldenFiles(root: string): { key: string; path: string }[] {
  const fixtures = join(root, 'test', 'fixtures');
  const out: { key: string; path: string }[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!/\.(ts|md)$/.test(name) && !/expected\.json$/.test(name)) {
        out.push({ key: `fixtures/${relative(fixtures, path)}`, path });
      }
    }
  };
  walk(fixtures);
  const corpus = join(root, '..', 'shared', 'corpus');
  let manifest: Record<string, { path: string }[]> = {};
  try {
    manifest = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8')) as typeof manifest;
  } catch {
    // No corpus beside this checkout: fixtures only.
  }
  const corpusPaths = Object.values(manifest)
    .flat()
    .map((e) => e.path)
    .sort();
  for (const path of corpusPaths) {
    try {
      statSync(join(corpus, path));
      out.push({ key: `corpus/${path}`, path: join(corpus, path) });
    } catch {
      // The manifest lists some files this copy of the corpus does not hold.
    }
  }
  return out;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** False when the file, gunzipped if it is gzip, is larger than MAX_FILE_BYTES. */
function fitsBudget(bytes: Uint8Array): boolean {
  if (bytes.length > MAX_FILE_BYTES) return false;
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return true;
  try {
    gunzipSync(bytes, { maxOutputLength: MAX_FILE_BYTES });
    return true;
  } catch (error) {
    // Over the limit, or not a valid gzip file (which the importer will refuse on its own).
    return !(error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE');
  }
}

// ---- Recording one file. ----

/** Imports one file into a fresh in-memory store (so search sees only its items) and records every answer. */
export async function recordFile(path: string, bytes: Uint8Array): Promise<FileEntry> {
  const sha256 = sha256Of(bytes);
  if (!fitsBudget(bytes)) return { sha256, skipped: `larger than ${MAX_FILE_BYTES} bytes uncompressed` };
  const kiln = await openKiln({ dbPath: ':memory:', parsing: 'inline' });
  try {
    const api = goldenApi(kiln.services);
    const failure = await api.importPath(path);
    if (failure !== null) return { sha256, refused: failure };
    const items = await api.listItems();
    const keys = itemKeys(items);
    const answers: Record<string, ItemAnswers> = {};
    const searchNames = new Set<string>();
    for (const item of items) {
      const key = keys.get(item.id) as string;
      answers[key] = await recordItem(api, item, searchNames);
    }
    const search: FileAnswers['search'] = {};
    for (const name of [...searchNames].sort()) search[name] = await recordSearch(api, name, keys);
    return { sha256, items: answers, search };
  } finally {
    await kiln.close();
  }
}

function itemKeys(items: ItemInfo[]): Map<number, string> {
  const seen = new Map<string, number>();
  const keys = new Map<number, string>();
  for (const item of [...items].sort((a, b) => a.id - b.id)) {
    const name = item.item ?? '';
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    keys.set(item.id, n === 1 ? name : `${name}#${n}`);
  }
  return keys;
}

async function attempt<T>(query: () => Promise<T>): Promise<T | Failed> {
  try {
    return await query();
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

async function recordItem(api: GoldenApi, item: ItemInfo, searchNames: Set<string>): Promise<ItemAnswers> {
  const answers: ItemAnswers = { summary: item.summary };
  const id = item.id;
  if (item.isGcLog) answers.gcSummary = await attempt(() => api.gcSummary(id));
  if (item.sampleTypeCount === 0) return answers; // heap snapshots and GC logs: their summaries only
  answers.labels = await attempt(async () => labelsAnswer(await api.labelKeys(id)));
  if (item.hasSampleTimes) {
    answers.stackChart = await attempt(async () => stackChartAnswer(await api.stackChart(id, STACK_CHART_WIDTH_PX)));
  }
  answers.sampleTypes = [];
  for (let sampleType = 0; sampleType < item.sampleTypeCount; sampleType++) {
    const typed = await recordSampleType(api, item, sampleType);
    answers.sampleTypes.push(typed);
    if (sampleType === item.summary.defaultSampleType) {
      for (const name of Object.keys(typed.sandwich)) if (name.length <= 256) searchNames.add(name);
    }
  }
  return answers;
}

async function recordSampleType(api: GoldenApi, item: ItemInfo, sampleType: number): Promise<SampleTypeAnswers> {
  const id = item.id;
  const flame = await attempt(async () => treeAnswer(await api.flameTree(id, sampleType)));
  const allRows = await attempt(() => api.topFunctions(id, sampleType, ALL_ROWS));
  const top = 'error' in allRows ? allRows : topAnswer(allRows.map(topRow));
  const topNames = 'error' in allRows ? [] : [...new Set(allRows.map((r) => r.function))].slice(0, SANDWICHED);
  const sandwich: SampleTypeAnswers['sandwich'] = {};
  for (const functionName of topNames) {
    sandwich[functionName] = await attempt(async () => {
      const { callers, callees } = await api.sandwich(id, sampleType, functionName);
      return { callers: treeAnswer(callers), callees: treeAnswer(callees) };
    });
  }
  const filterFunction = topNames[0] ?? null;
  const filterTexts: Record<string, string> = { invert: 'invert', lines: 'lines' };
  if (filterFunction !== null) {
    filterTexts.focus = `focus:${encodeURIComponent(exactPattern(filterFunction))}`;
    filterTexts.hide = `hide:${encodeURIComponent(exactPattern(filterFunction))}`;
  }
  const filters: SampleTypeAnswers['filters'] = {};
  for (const name of Object.keys(filterTexts).sort()) {
    const text = filterTexts[name] as string;
    filters[name] = {
      flame: await attempt(async () => treeAnswer(await api.flameTree(id, sampleType, text))),
      top: await attempt(async () => {
        const { count, hash } = topAnswer((await api.topFunctions(id, sampleType, ALL_ROWS, text)).map(topRow));
        return { count, hash };
      }),
    };
  }
  return { sampleType: item.summary.sampleTypes[sampleType] as string, flame, top, sandwich, filterFunction, filters };
}

/** A pattern that matches exactly this function name (the filters' patterns are case-insensitive regexes). */
function exactPattern(name: string): string {
  return `^${name.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}$`;
}

async function recordSearch(
  api: GoldenApi,
  query: string,
  keys: Map<number, string>,
): Promise<{ hits: number; hash: string } | Failed> {
  return attempt(async () => {
    const hits = await api.searchFunctions(query, SEARCH_LIMIT);
    // Functions of one name tie-break on store ids, which a new writer may assign differently: sort canonically.
    const lines = hits.map(({ hit, itemIds }) => {
      const entries = hit.profiles
        .map((p, i) =>
          [
            keys.get(itemIds[i] as number) ?? '?',
            p.sampleTypeIndex,
            num(p.self),
            num(p.total),
            num(p.profileTotal),
          ].join('\t'),
        )
        .sort();
      return [hit.function, hit.file, hit.profileCount, ...entries].join('\t');
    });
    return { hits: hits.length, hash: hashLines(lines.sort()) };
  });
}

// ---- Canonical texts. ----

/** A number as text at 9 significant digits: summing in another order must not change a hash. */
export function num(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e9) return String(value === 0 ? 0 : value);
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(9)));
}

function hashLines(lines: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const line of lines) hash.update(`${line}\n`);
  return hash.digest('hex').slice(0, 20);
}

function functionKey(tree: Pick<FlameTree, 'functionNames' | 'functionFiles' | 'functionLines'>, f: number): string {
  if (f < 0) return '(root)';
  return `${tree.functionNames[f] ?? '?'}\t${tree.functionFiles[f] ?? ''}\t${tree.functionLines[f] ?? 0}`;
}

/**
 * Hash of the tree in pre-order with children sorted by function (name, file, line), then total and self. Nodes
 * name their function by its rank among the functions the tree uses, and the ranked names are hashed once, so
 * the answer does not depend on the order or extent of the function table. A loop, not recursion: trees of
 * deep profiles are tens of thousands of levels deep and millions of nodes wide.
 */
export function treeAnswer(tree: FlameTree): TreeAnswer {
  const n = tree.func.length;
  const used = [...new Set(tree.func)].map((f) => ({ f, key: functionKey(tree, f) }));
  used.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rankOf = new Map<number, number>(used.map(({ f }, rank) => [f, rank]));
  const rank = Int32Array.from(tree.func, (f) => rankOf.get(f) as number);
  // Children of each node, in one array (counts, then offsets).
  const firstChild = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const parent = tree.parent[i] as number;
    if (parent >= 0) firstChild[parent + 1] = (firstChild[parent + 1] as number) + 1;
  }
  for (let i = 0; i < n; i++) firstChild[i + 1] = (firstChild[i + 1] as number) + (firstChild[i] as number);
  const filled = firstChild.slice(0, n);
  const children = new Int32Array(n);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) {
    const parent = tree.parent[i] as number;
    if (parent < 0) {
      roots.push(i);
      continue;
    }
    const slot = filled[parent] as number;
    children[slot] = i;
    filled[parent] = slot + 1;
  }
  const order = (a: number, b: number): number =>
    (rank[a] as number) - (rank[b] as number) ||
    (tree.total[b] as number) - (tree.total[a] as number) ||
    (tree.self[b] as number) - (tree.self[a] as number);
  const hash = createHash('sha256');
  for (const { key } of used) hash.update(`${key}\n`);
  let chunk = '';
  const stack: number[] = [];
  const depthOf = new Int32Array(n);
  for (let r = roots.length - 1; r >= 0; r--) stack.push(roots[r] as number);
  while (stack.length > 0) {
    const node = stack.pop() as number;
    chunk += `${depthOf[node]} ${rank[node]} ${num(tree.self[node] as number)} ${num(tree.total[node] as number)}\n`;
    if (chunk.length > 65536) {
      hash.update(chunk);
      chunk = '';
    }
    const kids = Array.from(children.subarray(firstChild[node] as number, firstChild[node + 1] as number)).sort(order);
    for (let k = kids.length - 1; k >= 0; k--) {
      depthOf[kids[k] as number] = (depthOf[node] as number) + 1;
      stack.push(kids[k] as number);
    }
  }
  hash.update(chunk);
  return { nodes: n, rootTotal: n > 0 ? (tree.total[0] as number) : 0, hash: hash.digest('hex').slice(0, 20) };
}

function topRow(row: { function: string; file: string; self: number; total: number }): TopRow {
  return [row.function, row.file, row.self, row.total];
}

function topAnswer(rows: TopRow[]): TopAnswer {
  return {
    rows: rows.slice(0, TOP_ROWS),
    count: rows.length,
    hash: hashLines(rows.map(([f, file, self, total]) => `${f}\t${file}\t${num(self)}\t${num(total)}`)),
  };
}

/** Times relative to the chart's first sample: anchoring a recording to wall-clock time moves every box alike. */
function stackChartAnswer(chart: StackChart): StackChartAnswer {
  const t0 = chart.timeStartNs;
  const lines: string[] = [];
  for (let b = 0; b < chart.depth.length; b++) {
    const f = chart.func[b] as number;
    lines.push(
      [
        chart.depth[b],
        num((chart.start[b] as number) - t0),
        num((chart.end[b] as number) - t0),
        f < 0 ? '(short)' : functionKey(chart, f),
        chart.shortCount[b],
      ].join('\t'),
    );
  }
  return {
    boxes: chart.depth.length,
    hash: hashLines(lines),
    durationNs: chart.timeEndNs - chart.timeStartNs,
    sampleCount: chart.sampleCount,
    maxDepth: chart.maxDepth,
    truncated: chart.truncated,
  };
}

function labelsAnswer(keys: { key: string; values: { value: string; count: number }[] }[]): LabelsAnswer {
  const lines = keys.map(({ key, values }) => [key, ...values.map((v) => `${v.value}=${v.count}`).sort()].join('\t'));
  const summary = keys.map(({ key, values }) => {
    const stacks = values.reduce((sum, v) => sum + v.count, 0);
    return `${key}: ${values.length} values on ${stacks} stacks`;
  });
  return { keys: summary.sort(), hash: hashLines(lines.sort()) };
}
