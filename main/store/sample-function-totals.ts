/**
 * An item's function totals counted while its samples are written, for the
 * items whose every sample (with a value of the default sample type) comes
 * right after its own whole, root-parented stack: a pprof sample lists all its
 * locations, so the streamed path always does. Each sample adds its value to
 * its leaf's self and once to every function on its stack, which is what
 * item-function-totals.ts computes from the stack cache after the write,
 * without reading the cache back (deep-go.pb.gz: 0.3 s and the peak memory of
 * the import). Linear: each sample's frames are the ones the sink was just
 * given, and a frame's function is looked up once per item (by the frame's
 * row in the importer's table), not once per sample. Any other sample makes
 * the count give up, and the writer falls back to the cache.
 */
import { FunctionTotalCounter } from './function-total-counter';

export class SampleFunctionTotals {
  readonly counter = new FunctionTotalCounter();
  usable = true;
  /** Dense function + 1 per frame row of the importer's table (0: not met yet). */
  private denseOfRow = new Int32Array(1024);
  /** The whole stack just given: its local number (-1: none) and its dense functions. */
  private stackGiven = -1;
  private functions = new Int32Array(256);
  private depth = 0;
  private samples = 0;

  /** `functionOfRow(row)`: the store function id of the frame at `row` of the importer's table. */
  constructor(private readonly functionOfRow: (row: number) => number) {}

  /** The sink was given local stack `local`: when whole (`rooted`), its frame rows are `rows[from … to)`. */
  stack(local: number, rooted: boolean, rows: ArrayLike<number>, from: number, to: number): void {
    this.stackGiven = -1;
    if (!rooted || !this.usable) return;
    const depth = to - from;
    if (depth > this.functions.length) this.functions = new Int32Array(Math.max(depth, 2 * this.functions.length));
    for (let i = 0; i < depth; i++) this.functions[i] = this.denseOf(rows[from + i] as number);
    this.depth = depth;
    this.stackGiven = local;
  }

  /** A sample of `value` (default sample type) on local stack `local`. */
  sample(local: number, value: number): void {
    if (!this.usable) return;
    if (local === this.stackGiven) this.counter.countStack(this.functions, this.depth, value, ++this.samples);
    else if (value !== 0) this.usable = false;
  }

  private denseOf(row: number): number {
    if (row >= this.denseOfRow.length) {
      const grown = new Int32Array(Math.max(row + 1, 2 * this.denseOfRow.length));
      grown.set(this.denseOfRow);
      this.denseOfRow = grown;
    }
    const known = this.denseOfRow[row] as number;
    if (known > 0) return known - 1;
    const d = this.counter.dense(this.functionOfRow(row));
    this.denseOfRow[row] = d + 1;
    return d;
  }
}
