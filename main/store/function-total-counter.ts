/**
 * The accumulator behind an item's function totals (the rows of
 * `item_functions`): per store function, in dense numbers given on first
 * sight, the self and total of the item's default sample type. Self is the
 * value of the stacks ending in the function; total the value of the stacks
 * containing it, once per stack even under recursion (`go tool pprof`'s flat
 * and cum). Fed per sample by the writer (sample-function-totals.ts) or from
 * the stack cache after it (item-function-totals.ts); `writeFunctionTotalRows`
 * stores either.
 */
import type Database from 'better-sqlite3';

export class FunctionTotalCounter {
  /** Store function id per dense number. */
  readonly functionIds: number[] = [];
  self = new Float64Array(64);
  total = new Float64Array(64);
  /** Per dense function, for the caller: a stamp of the last stack that counted it, or a count of occurrences. */
  mark = new Int32Array(64);
  private readonly denseOfFunction = new Map<number, number>();

  /** The dense number of store function `functionId`, given on first sight. */
  dense(functionId: number): number {
    let d = this.denseOfFunction.get(functionId);
    if (d === undefined) {
      d = this.functionIds.length;
      this.denseOfFunction.set(functionId, d);
      this.functionIds.push(functionId);
      if (d === this.self.length) this.grow();
    }
    return d;
  }

  /**
   * Counts a stack of `value` whose functions are the dense numbers `stack[0 … depth)`, root first. `stamp`
   * must differ from every stamp used before (e.g. a stack or sample number + 1): each function gains the
   * value once.
   */
  countStack(stack: ArrayLike<number>, depth: number, value: number, stamp: number): void {
    if (value === 0 || depth === 0) return;
    const { mark, total } = this;
    for (let i = 0; i < depth; i++) {
      const f = stack[i] as number;
      if (mark[f] !== stamp) {
        mark[f] = stamp;
        total[f] = (total[f] as number) + value;
      }
    }
    const leaf = stack[depth - 1] as number;
    this.self[leaf] = (this.self[leaf] as number) + value;
  }

  private grow(): void {
    const size = 2 * this.self.length;
    const self = new Float64Array(size);
    self.set(this.self);
    this.self = self;
    const total = new Float64Array(size);
    total.set(this.total);
    this.total = total;
    const mark = new Int32Array(size);
    mark.set(this.mark);
    this.mark = mark;
  }
}

/** Stores an item's function totals (none when `counter` is null) and marks the item as counted. */
export function writeFunctionTotalRows(
  db: Database.Database,
  profileId: number,
  counter: FunctionTotalCounter | null,
): void {
  if (counter !== null) {
    const insert = db.prepare('INSERT INTO item_functions (function, item, self, total) VALUES (?, ?, ?, ?)');
    counter.functionIds.forEach((functionId, f) => {
      const s = counter.self[f] as number;
      const t = counter.total[f] as number;
      if (s !== 0 || t !== 0) insert.run(functionId, profileId, s, t);
    });
  }
  db.prepare('INSERT INTO item_functions_indexed (item) VALUES (?)').run(profileId);
}
