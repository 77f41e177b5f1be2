/**
 * The prefix forest (weighted-stacks.ts) must answer exactly as the whole-stack
 * queries it replaced. A small reference of the old algorithm lives here only:
 * each sample's stack spelled out whole (root first), merged by function
 * sequence into a trie, laid out in pre-order with children by name, totals
 * summed bottom-up, folded as before; totals once per stack; transforms and
 * sandwich stack by stack. Every profile of the fixtures and the corpus that
 * imports cheaply is compared: call tree (whole and folded), function totals,
 * top functions, sandwich of its heaviest functions, and every filter.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeDecompressor } from '../../main/ingest/node-decompressor';
import { importFile } from '../import/index';
import type { FlameTree } from '../ipc/contract';
import type { Profile, ValueType } from '../profile/model';
import { buildCallTree, SMALLER_FRAMES_NAME } from './call-tree';
import { exactFunctionPattern } from './exact-function-pattern';
import { applyFilters, type TransformFilter } from './filters';
import { matchingFunctions } from './function-pattern';
import { functionTotals, topFunctions } from './function-totals';
import { sandwich } from './sandwich';
import { weightedStacksFromProfile } from './weighted-stacks';

const ROOT = join(__dirname, '..', '..');
const SOURCES = [join(ROOT, 'test', 'fixtures'), join(ROOT, '..', 'shared', 'corpus')];
/** Larger files, heap snapshots and large/ (deep-go: 9.4M frames as whole stacks) are not "cheap". */
const MAX_FILE_BYTES = 2_000_000;
/** The reference spells every stack out: skip profiles whose whole stacks exceed this many frames. */
const MAX_WHOLE_FRAMES = 500_000;

interface Whole {
  stacks: number[][];
  values: number[];
  names: string[];
  files: string[];
  lines: number[];
}

function filesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'large' ? [] : filesUnder(path);
    const small = statSync(path).size <= MAX_FILE_BYTES;
    return small && !name.includes('heapsnapshot') ? [path] : [];
  });
}

function profilesOf(path: string): Profile[] {
  try {
    const { items } = importFile(new Uint8Array(readFileSync(path)), path, { decompressor: nodeDecompressor });
    return items.flatMap((item) => (item.type === 'profile' ? [item.profile] : []));
  } catch {
    return []; // hostile fixtures and unsupported formats
  }
}

/** The old input: one whole stack per stack row with samples, in row order (as weightedStacksFromProfile was). */
function wholeStacks(profile: Profile, sampleType: number): Whole | null {
  const column = Array.from(profile.samples.values[sampleType] ?? []);
  const perStack = new Map<number, number>();
  profile.samples.stack.forEach((s, i) => perStack.set(s, (perStack.get(s) ?? 0) + (column[i] as number)));
  const rows = [...perStack.keys()].sort((a, b) => a - b);
  const depth: number[] = [];
  profile.stacks.parent.forEach((p, s) => (depth[s] = p < 0 ? 1 : (depth[p] as number) + 1));
  if (rows.reduce((sum, s) => sum + (depth[s] as number), 0) > MAX_WHOLE_FRAMES) return null;
  const stacks = rows.map((leaf) => {
    const path: number[] = [];
    for (let s = leaf; s >= 0; s = profile.stacks.parent[s] as number)
      path.push(profile.frames.func[profile.stacks.frame[s] as number] as number);
    return path.reverse();
  });
  const forest = weightedStacksFromProfile(profile, sampleType);
  return {
    stacks,
    values: rows.map((s) => perStack.get(s) as number),
    names: forest.functionNames,
    files: forest.functionFiles,
    lines: forest.functionLines,
  };
}

interface RefNode {
  func: number;
  self: number;
  children: Map<number, RefNode>;
}

/** The old buildCallTree: function-sequence trie, pre-order by (name, index), totals bottom-up, then the fold. */
function referenceCallTree(whole: Whole, sampleType: ValueType, minFraction = 0): FlameTree {
  const root: RefNode = { func: -1, self: 0, children: new Map() };
  whole.stacks.forEach((stack, s) => {
    const v = whole.values[s] as number;
    if (v === 0) return;
    let node = root;
    for (const f of stack) {
      let child = node.children.get(f);
      if (child === undefined) node.children.set(f, (child = { func: f, self: 0, children: new Map() }));
      node = child;
    }
    node.self += v;
  });
  const byName = (a: number, b: number): number => {
    const na = whole.names[a] as string;
    const nb = whole.names[b] as string;
    return na < nb ? -1 : na > nb ? 1 : a - b;
  };
  const full = { func: [] as number[], parent: [] as number[], depth: [] as number[], self: [] as number[] };
  const work: [RefNode, number, number][] = [[root, -1, 0]];
  while (work.length > 0) {
    const [node, parent, depth] = work.pop() as [RefNode, number, number];
    const index = full.func.push(node.func) - 1;
    full.parent.push(parent);
    full.depth.push(depth);
    full.self.push(node.self);
    const kids = [...node.children.keys()].sort(byName).reverse();
    for (const f of kids) work.push([node.children.get(f) as RefNode, index, depth + 1]);
  }
  const total = full.self.slice();
  for (let n = total.length - 1; n > 0; n--) {
    const p = full.parent[n] as number;
    total[p] = (total[p] as number) + (total[n] as number);
  }
  const threshold = minFraction * (total[0] as number);
  if (threshold <= 0)
    return {
      functionNames: whole.names,
      functionFiles: whole.files,
      functionLines: whole.lines,
      ...full,
      total,
      sampleType,
    };
  // The old fold: kept nodes in pre-order; each kept node's small children become one sliver, its last child.
  const tree: FlameTree = {
    functionNames: [...whole.names, SMALLER_FRAMES_NAME],
    functionFiles: [...whole.files, ''],
    functionLines: [...whole.lines, 0],
    func: [],
    parent: [],
    depth: [],
    self: [],
    total: [],
    sampleType,
  };
  const emit = (func: number, parent: number, depth: number, self: number, sum: number): number => {
    tree.func.push(func);
    tree.parent.push(parent);
    tree.depth.push(depth);
    tree.self.push(self);
    return tree.total.push(sum) - 1;
  };
  const outOf = new Array<number>(total.length).fill(-1);
  const folded = new Array<number>(total.length).fill(0);
  const open: number[] = [];
  const close = (untilDepth: number): void => {
    while (open.length > 0 && (full.depth[open[open.length - 1] as number] as number) >= untilDepth) {
      const node = open.pop() as number;
      const sliver = folded[node] as number;
      if (sliver > 0) emit(whole.names.length, outOf[node] as number, (full.depth[node] as number) + 1, sliver, sliver);
    }
  };
  for (let node = 0; node < total.length; node++) {
    const parent = full.parent[node] as number;
    if (node > 0 && outOf[parent] === -1) continue;
    if (node > 0 && (total[node] as number) < threshold) {
      folded[parent] = (folded[parent] as number) + (total[node] as number);
      continue;
    }
    close(full.depth[node] as number);
    const out = node === 0 ? -1 : (outOf[parent] as number);
    outOf[node] = emit(
      full.func[node] as number,
      out,
      full.depth[node] as number,
      full.self[node] as number,
      total[node] as number,
    );
    open.push(node);
  }
  close(0);
  return tree;
}

/** The old functionTotals: flat at the leaf, cum once per stack. */
function referenceTotals(whole: Whole): { self: number[]; total: number[] } {
  const self = new Array<number>(whole.names.length).fill(0);
  const total = new Array<number>(whole.names.length).fill(0);
  whole.stacks.forEach((stack, s) => {
    const v = whole.values[s] as number;
    if (v === 0 || stack.length === 0) return;
    const leaf = stack[stack.length - 1] as number;
    self[leaf] = (self[leaf] as number) + v;
    for (const f of new Set(stack)) total[f] = (total[f] as number) + v;
  });
  return { self, total };
}

/** The old transforms, one stack at a time (null: dropped). */
function referenceTransform(filter: TransformFilter, matches: Uint8Array): (stack: number[]) => number[] | null {
  const hit = (f: number): boolean => matches[f] === 1;
  switch (filter.kind) {
    case 'focus':
      return (stack) => {
        const first = stack.findIndex(hit);
        return first < 0 ? null : stack.slice(first);
      };
    case 'hide':
      return (stack) => stack.filter((f) => !hit(f));
    case 'drop':
      return (stack) => (stack.some(hit) ? null : stack);
    case 'invert':
      return (stack) => stack.slice().reverse();
    case 'collapseRecursion':
      if (filter.pattern === undefined) return (stack) => stack.filter((f, i) => i === 0 || stack[i - 1] !== f);
      return (stack) => {
        const out: number[] = [];
        for (const f of stack) {
          const at = hit(f) ? out.indexOf(f) : -1;
          if (at >= 0) out.length = at + 1;
          else out.push(f);
        }
        return out;
      };
  }
}

function transformed(whole: Whole, transform: (stack: number[]) => number[] | null): Whole {
  const stacks: number[][] = [];
  const values: number[] = [];
  whole.stacks.forEach((stack, s) => {
    const out = transform(stack);
    if (out === null) return;
    stacks.push(out);
    values.push(whole.values[s] as number);
  });
  return { ...whole, stacks, values };
}

const cases = SOURCES.flatMap(filesUnder).flatMap((path) =>
  profilesOf(path).map((profile, k) => ({ name: `${relative(join(ROOT, '..'), path)}#${k}`, profile })),
);

/** Profiles with at least one sample type compared (the others are too large for the reference). */
let comparedProfiles = 0;

describe('the forest answers as whole stacks did', () => {
  it.each(cases)('$name', ({ profile }) => {
    let compared = 0;
    profile.sampleTypes.forEach((sampleType, t) => {
      const whole = wholeStacks(profile, t);
      if (whole === null) return;
      const forest = weightedStacksFromProfile(profile, t);
      expect(buildCallTree(forest, sampleType)).toEqual(referenceCallTree(whole, sampleType));
      expect(buildCallTree(forest, sampleType, { minFraction: 0.001 })).toEqual(
        referenceCallTree(whole, sampleType, 0.001),
      );
      const totals = functionTotals(forest);
      const reference = referenceTotals(whole);
      expect([Array.from(totals.self), Array.from(totals.total)]).toEqual([reference.self, reference.total]);
      expect(topFunctions(forest, 1_000_000).map((row) => [row.function, row.file, row.self, row.total])).toEqual(
        referenceTop(whole, reference),
      );
      // The heaviest functions by cum: sandwich halves, and every filter on them.
      const heaviest = [...reference.total.keys()]
        .sort((a, b) => (reference.total[b] as number) - (reference.total[a] as number))
        .slice(0, 2);
      for (const f of heaviest) {
        const halves = sandwich(forest, f);
        const first = (stack: number[]): number[] | null => (stack.includes(f) ? stack.slice(stack.indexOf(f)) : null);
        const upward = (stack: number[]): number[] | null =>
          stack.includes(f) ? stack.slice(0, stack.lastIndexOf(f) + 1).reverse() : null;
        expect(buildCallTree(halves.callees, sampleType)).toEqual(
          referenceCallTree(transformed(whole, first), sampleType),
        );
        expect(buildCallTree(halves.callers, sampleType)).toEqual(
          referenceCallTree(transformed(whole, upward), sampleType),
        );
        const pattern = exactFunctionPattern(whole.names[f] as string);
        const filters: TransformFilter[] = [
          { kind: 'focus', pattern },
          { kind: 'hide', pattern },
          { kind: 'drop', pattern },
          { kind: 'collapseRecursion' },
          { kind: 'collapseRecursion', pattern: '.' },
          { kind: 'invert' },
        ];
        for (const filter of filters) {
          const matches = matchingFunctions(whole.names, 'pattern' in filter ? (filter.pattern ?? '') : '');
          const expected = referenceCallTree(transformed(whole, referenceTransform(filter, matches)), sampleType);
          expect(buildCallTree(applyFilters(forest, [filter]), sampleType), JSON.stringify(filter)).toEqual(expected);
        }
      }
      compared++;
    });
    if (compared > 0) comparedProfiles++;
  });

  it('compared the fixtures and the corpus', () => {
    expect(comparedProfiles).toBeGreaterThan(200);
  });
});

/** topFunctions' order (flat, name, cum, file) over the reference totals. */
function referenceTop(whole: Whole, totals: { self: number[]; total: number[] }): [string, string, number, number][] {
  const { self, total } = totals;
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...self.keys()]
    .filter((f) => self[f] !== 0 || total[f] !== 0)
    .sort(
      (a, b) =>
        Math.abs(self[b] as number) - Math.abs(self[a] as number) ||
        cmp(whole.names[a] ?? '', whole.names[b] ?? '') ||
        Math.abs(total[b] as number) - Math.abs(total[a] as number) ||
        cmp(whole.files[a] ?? '', whole.files[b] ?? ''),
    )
    .map((f) => [whole.names[f] ?? '', whole.files[f] ?? '', self[f] as number, total[f] as number]);
}
