/**
 * Per-function self and total of an item counted while its samples are
 * written, for the items whose every sample (with a value of the default
 * sample type) comes right after its own whole, root-parented stack: a pprof
 * sample lists all its locations, so the streamed path always does. Each
 * sample adds its value to its leaf's self and once to every function on its
 * stack, which is what item-function-totals.ts computes from the stack cache
 * after the write, without reading the cache back (deep-go.pb.gz: 0.3 s and
 * the peak memory of the import). Linear: each sample's frames are the ones
 * the sink was just given. Any other sample makes the count give up, and the
 * writer falls back to the cache.
 */
export class SampleFunctionTotals {
  /** Dense number per store function id. */
  private readonly denseOf = new Map<number, number>();
  readonly functionIds: number[] = [];
  self = new Float64Array(64);
  total = new Float64Array(64);
  /** Per dense function: the last sample that counted it, + 1. */
  private mark = new Int32Array(64);
  private samples = 0;
  usable = true;

  /** Counts a sample of `value` whose stack is the store functions `functions[0 … depth)`, root first. */
  count(functions: Int32Array, depth: number, value: number): void {
    if (value === 0 || depth === 0) return;
    const sample = ++this.samples;
    let leaf = -1;
    for (let i = 0; i < depth; i++) {
      leaf = this.dense(functions[i] as number);
      if (this.mark[leaf] !== sample) {
        this.mark[leaf] = sample;
        this.total[leaf] = (this.total[leaf] as number) + value;
      }
    }
    this.self[leaf] = (this.self[leaf] as number) + value;
  }

  private dense(functionId: number): number {
    let d = this.denseOf.get(functionId);
    if (d === undefined) {
      d = this.functionIds.length;
      this.denseOf.set(functionId, d);
      this.functionIds.push(functionId);
      if (d === this.self.length) this.grow();
    }
    return d;
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
