/**
 * Stored stacks → nodes of one prefix tree over functions, kept per connection while the store does not change.
 *
 * Merging several items' stacks by function follows every frame of every stack read: a window of 633 Go CPU
 * captures reads 110,000 stored stacks (segments of ~8 frames hanging from each other) and looks 865,000 frames up
 * in a hash table, most of the merge. A committed stack never changes, so the function-tree node each one ends at
 * is worked out once per connection and store version (store-version.ts), for the stacks queries have asked for;
 * after that a merge reads the values, sums them on the nodes and copies out the nodes they hang from.
 *
 * Functions are the store's `functions` rows: frames of one function (other lines, columns, inlining) share a node,
 * as framesToFunctions without `byLine` merges them. A function's line is its start line, or when that is unknown
 * the smallest line of its stored frames: a window shows the line the whole store knows, not only its own frames'.
 * The result's functions are numbered in ascending function id, its nodes are depth first with siblings in function
 * id order: what a merge gives does not depend on which queries ran before it.
 */
import type Database from 'better-sqlite3';
import type { WeightedStacks } from '../../shared/query/weighted-stacks';
import type { FunctionColumns } from './frames-to-functions';
import { ChildTable } from './stack-segments';
import { storeVersion } from './store-version';
import { segmentsOfSums, type StackSums } from './stored-segments';

/** A stored function's name, file and display line. */
interface FunctionRow {
  name: string;
  file: string;
  line: number;
}

const indexes = new WeakMap<Database.Database, FunctionPathIndex>();

/** The merged function forest of the stacks in `sums` (stack id → summed value), as mergedStacks returns it. */
export function mergedFunctionPaths(db: Database.Database, sums: StackSums): WeightedStacks {
  const version = storeVersion(db);
  let index = indexes.get(db);
  if (index === undefined || version === null || index.version !== version) {
    index = new FunctionPathIndex(version);
    // Inside a transaction the index serves this merge only (version null).
    if (version !== null) indexes.set(db, index);
    else indexes.delete(db);
  }
  index.learn(db, sums);
  return index.merge(db, sums);
}

class FunctionPathIndex {
  /** The tree: parents before children; func holds function ids. */
  private parent = new Int32Array(4096);
  private func = new Int32Array(4096);
  private size = 0;
  private readonly children = new ChildTable(1 << 16);
  /** Per stack id: 2 + the node its path ends at (1: the empty path), 0 when not learnt yet. */
  private nodeOfStack = new Int32Array(0);
  /** Per frame id: its function id, -1 when not read yet. */
  private functionOfFrame = new Int32Array(0);
  private readonly functions = new Map<number, FunctionRow>();
  /** Scratch per merge, as long as the tree, zero between merges. */
  private value = new Float64Array(0);
  private mark = new Uint8Array(0);

  constructor(readonly version: string | null) {}

  /** Adds the paths of the stacks of `sums` the tree does not have yet (and of their ancestors). */
  learn(db: Database.Database, sums: StackSums): void {
    const { ids } = sums;
    let unknown = 0;
    for (let k = 0; k < ids.length; k++) if (this.nodeOf(ids[k] as number) === 0) unknown++;
    if (unknown === 0) return;
    const asked = new Int32Array(unknown);
    for (let k = 0, at = 0; k < ids.length; k++)
      if (this.nodeOf(ids[k] as number) === 0) asked[at++] = ids[k] as number;
    const { segments, stackIds } = segmentsOfSums(db, {
      ids: asked,
      sums: new Float64Array(unknown),
      has: new Uint8Array(unknown),
    });
    const { parent, offsets, frames } = segments;
    this.readFrameFunctions(db, frames);
    this.growStacks((stackIds[stackIds.length - 1] as number) + 1);
    const functionOfFrame = this.functionOfFrame;
    const nodeOfStack = this.nodeOfStack;
    for (let n = 0; n < stackIds.length; n++) {
      const stack = stackIds[n] as number;
      if (nodeOfStack[stack] !== 0) continue;
      const p = parent[n] as number;
      // Ancestors come first (ids grow from parent to child), so a parent is known by now.
      let up = p < 0 ? -1 : (nodeOfStack[stackIds[p] as number] as number) - 2;
      const end = offsets[n + 1] as number;
      for (let j = offsets[n] as number; j < end; j++)
        up = this.child(up, functionOfFrame[frames[j] as number] as number);
      nodeOfStack[stack] = up + 2;
    }
  }

  /**
   * The forest of the nodes `sums` ends at and their ancestors, in tree order, values summed in stack id order
   * (mergedForestOfSegments' order). The empty stack's value is left out, as there.
   */
  merge(db: Database.Database, sums: StackSums): WeightedStacks {
    const { ids, sums: totals, has } = sums;
    const value = this.value;
    const mark = this.mark;
    const parent = this.parent;
    const touched: number[] = [];
    for (let k = 0; k < ids.length; k++) {
      if (has[k] !== 1) continue;
      const node = this.nodeOf(ids[k] as number) - 2;
      if (node < 0) continue;
      if (mark[node] === 0) {
        mark[node] = 1;
        touched.push(node);
      }
      value[node] = (value[node] as number) + (totals[k] as number);
    }
    // Every ancestor of a node with a value, each reached once.
    let count = 0;
    for (const node of touched) {
      count++;
      for (let up = parent[node] as number; up >= 0 && mark[up] === 0; up = parent[up] as number) {
        mark[up] = 1;
        count++;
      }
    }
    // Out in depth-first pre-order (the function totals' walk in node order reads that in one pass), siblings by
    // function id: the order, and so the order values are summed in, is the window's, whatever ran before.
    const { start, list, maxFunction } = this.childrenByFunction(count);
    const roots = this.size;
    const outParent = new Int32Array(count);
    const outFunc = new Int32Array(count);
    const outValue = new Float64Array(count);
    const indexOf = new Int32Array(count === 0 ? 0 : this.size);
    // Per function id: 1 when used, then its index in the result.
    const denseOf = new Int32Array(maxFunction + 1);
    const pending = new Int32Array(count);
    let top = 0;
    for (let k = (start[roots + 1] as number) - 1; k >= (start[roots] as number); k--)
      pending[top++] = list[k] as number;
    for (let at = 0; top > 0; at++) {
      const node = pending[--top] as number;
      indexOf[node] = at;
      const p = parent[node] as number;
      outParent[at] = p < 0 ? -1 : (indexOf[p] as number);
      const fn = this.func[node] as number;
      denseOf[fn] = 1;
      outFunc[at] = fn;
      outValue[at] = value[node] as number;
      value[node] = 0;
      mark[node] = 0;
      for (let k = (start[node + 1] as number) - 1; k >= (start[node] as number); k--)
        pending[top++] = list[k] as number;
    }
    const functionIds: number[] = [];
    for (let fn = 0; fn <= maxFunction; fn++) {
      if (denseOf[fn] === 0) continue;
      denseOf[fn] = functionIds.length;
      functionIds.push(fn);
    }
    for (let i = 0; i < count; i++) outFunc[i] = denseOf[outFunc[i] as number] as number;
    return { parent: outParent, func: outFunc, value: outValue, rootValue: 0, ...this.columns(db, functionIds) };
  }

  /**
   * The marked nodes' children lists (childLists' shape over the tree; slot `size` lists the roots), each in
   * function id order: the marked nodes are counted out by function id first, then dealt to their parents.
   */
  private childrenByFunction(count: number): { start: Int32Array; list: Int32Array; maxFunction: number } {
    const size = this.size;
    const { parent, func, mark } = this;
    let maxFunction = -1;
    for (let node = 0; node < size; node++)
      if (mark[node] !== 0 && (func[node] as number) > maxFunction) maxFunction = func[node] as number;
    const byFunction = new Int32Array(maxFunction + 2);
    for (let node = 0; node < size; node++) {
      if (mark[node] === 0) continue;
      const at = (func[node] as number) + 1;
      byFunction[at] = (byFunction[at] as number) + 1;
    }
    for (let f = 1; f < byFunction.length; f++)
      byFunction[f] = (byFunction[f] as number) + (byFunction[f - 1] as number);
    const sorted = new Int32Array(count);
    for (let node = 0; node < size; node++) {
      if (mark[node] === 0) continue;
      const f = func[node] as number;
      sorted[byFunction[f] as number] = node;
      byFunction[f] = (byFunction[f] as number) + 1;
    }
    const start = new Int32Array(size + 3);
    for (let k = 0; k < count; k++) {
      const p = parent[sorted[k] as number] as number;
      const at = (p < 0 ? size : p) + 2;
      start[at] = (start[at] as number) + 1;
    }
    for (let i = 2; i < start.length; i++) start[i] = (start[i] as number) + (start[i - 1] as number);
    const list = new Int32Array(count);
    for (let k = 0; k < count; k++) {
      const node = sorted[k] as number;
      const p = parent[node] as number;
      const at = (p < 0 ? size : p) + 1;
      list[start[at] as number] = node;
      start[at] = (start[at] as number) + 1;
    }
    return { start, list, maxFunction };
  }

  private nodeOf(stack: number): number {
    return stack < this.nodeOfStack.length ? (this.nodeOfStack[stack] as number) : 0;
  }

  /** The node under `up` (-1: a root) for function `fn`, made when new. */
  private child(up: number, fn: number): number {
    let node = this.children.get(up, fn);
    if (node >= 0) return node;
    node = this.size++;
    if (node === this.parent.length) {
      const parent = new Int32Array(2 * node);
      parent.set(this.parent);
      this.parent = parent;
      const func = new Int32Array(2 * node);
      func.set(this.func);
      this.func = func;
    }
    this.parent[node] = up;
    this.func[node] = fn;
    this.children.set(up, fn, node);
    if (node >= this.value.length) {
      const value = new Float64Array(this.parent.length);
      value.set(this.value);
      this.value = value;
      const mark = new Uint8Array(this.parent.length);
      mark.set(this.mark);
      this.mark = mark;
    }
    return node;
  }

  private growStacks(length: number): void {
    if (length <= this.nodeOfStack.length) return;
    const grown = new Int32Array(Math.max(length, 2 * this.nodeOfStack.length));
    grown.set(this.nodeOfStack);
    this.nodeOfStack = grown;
  }

  /** The function of every frame in `frames` not read yet, in one query. */
  private readFrameFunctions(db: Database.Database, frames: Int32Array): void {
    let maxFrame = -1;
    for (const frame of frames) if (frame > maxFrame) maxFrame = frame;
    if (maxFrame >= this.functionOfFrame.length) {
      const grown = new Int32Array(Math.max(maxFrame + 1, 2 * this.functionOfFrame.length)).fill(-1);
      grown.set(this.functionOfFrame);
      this.functionOfFrame = grown;
    }
    const functionOfFrame = this.functionOfFrame;
    const missing: number[] = [];
    for (const frame of frames) {
      if (frame < 0) throw new Error(`a stored stack refers to frame ${frame}, which is not stored`);
      if (functionOfFrame[frame] === -1) {
        functionOfFrame[frame] = -2;
        missing.push(frame);
      }
    }
    if (missing.length === 0) return;
    const rows = db
      .prepare('SELECT id, function FROM frames WHERE id IN (SELECT value FROM json_each(?))')
      .raw()
      .all(JSON.stringify(missing)) as [number, number][];
    for (const [frame, fn] of rows) functionOfFrame[frame] = fn;
    for (const frame of missing)
      if (functionOfFrame[frame] === -2)
        throw new Error(`a stored stack refers to frame ${frame}, which is not stored`);
  }

  /** Names, files and lines of `functionIds`, read once per index. */
  private columns(db: Database.Database, functionIds: readonly number[]): FunctionColumns {
    const missing = functionIds.filter((fn) => !this.functions.has(fn));
    if (missing.length > 0) {
      // A function with no start line shows its smallest known frame line (displayLine's rule over every frame).
      const rows = db
        .prepare(
          `SELECT fn.id, fn.name, fn.file, CASE WHEN fn.start_line > 0 THEN fn.start_line
             ELSE coalesce((SELECT MIN(fr.line) FROM frames fr WHERE fr.function = fn.id AND fr.line > 0), 0) END
           FROM functions fn WHERE fn.id IN (SELECT value FROM json_each(?))`,
        )
        .raw()
        .all(JSON.stringify(missing)) as [number, string, string, number][];
      for (const [id, name, file, line] of rows) this.functions.set(id, { name, file, line });
    }
    const functionNames: string[] = [];
    const functionFiles: string[] = [];
    const functionLines: number[] = [];
    for (const fn of functionIds) {
      const row = this.functions.get(fn);
      if (row === undefined) throw new Error(`a stored frame refers to function ${fn}, which is not stored`);
      functionNames.push(row.name);
      functionFiles.push(row.file);
      functionLines.push(row.line);
    }
    return { functionNames, functionFiles, functionLines };
  }
}
