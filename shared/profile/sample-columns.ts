/**
 * The builder's sample columns while they fill: typed arrays that double when
 * full, or are sized once by `reserve` when an importer knows its sample count,
 * so a profile of 15M samples is not grown by push into JS arrays (issue 10).
 */
import type { SampleTable } from './model';

const INITIAL_CAPACITY = 1024;

export class SampleColumns {
  private count = 0;
  private stack: Int32Array = new Int32Array(0);
  private readonly values: Float64Array[];
  private times: Float64Array | null = null;
  private timed: boolean | null = null;

  constructor(typeCount: number) {
    this.values = Array.from({ length: typeCount }, () => new Float64Array(0));
  }

  get length(): number {
    return this.count;
  }

  /** Room for `total` samples in all, allocated now (a hint: adding more still works). */
  reserve(total: number, timed: boolean): void {
    if (total > this.stack.length) this.resize(total, this.timed ?? timed);
  }

  /** Appends one row; `timeNs` either on every row or on none (the caller checks). */
  push(stack: number, values: ArrayLike<number>, timeNs: number | undefined): number {
    const row = this.count;
    if (row === 0) {
      this.timed = timeNs !== undefined;
      // A reservation made without times (or with them for untimed rows) is corrected once, here.
      if (this.timed !== (this.times !== null)) this.resize(this.stack.length, this.timed);
    }
    if (row === this.stack.length) this.resize(Math.max(INITIAL_CAPACITY, row * 2), this.timed === true);
    this.stack[row] = stack;
    for (let t = 0; t < this.values.length; t++) (this.values[t] as Float64Array)[row] = values[t] as number;
    if (timeNs !== undefined) (this.times as Float64Array)[row] = timeNs;
    this.count = row + 1;
    return row;
  }

  /**
   * Takes whole columns as the rows, without copying them, on columns still
   * empty: the caller hands them over and must not write to them afterwards.
   */
  adopt(stack: Int32Array, values: Float64Array[], timeNs: Float64Array | null): void {
    if (this.count !== 0) throw new RangeError('columns can be adopted only before any sample is added');
    if (values.length !== this.values.length) {
      throw new RangeError(`${values.length} value columns for ${this.values.length} sample types`);
    }
    const n = stack.length;
    if (values.some((column) => column.length !== n) || (timeNs !== null && timeNs.length !== n)) {
      throw new RangeError('every sample column must be as long as the stack column');
    }
    this.stack = stack;
    values.forEach((column, t) => (this.values[t] = column));
    this.times = timeNs;
    this.timed = timeNs !== null;
    this.count = n;
  }

  /** Whether rows carry times: null before the first row. */
  get hasTimes(): boolean | null {
    return this.timed;
  }

  /**
   * Exact-length columns: the arrays themselves when full, else one trimming
   * copy, so that no slack is kept, nor copied when the profile is posted to
   * another thread (a subarray would carry its whole buffer along).
   */
  toTable(): SampleTable {
    const n = this.count;
    return {
      stack: exact(this.stack, n),
      values: this.values.map((column) => exact(column, n)),
      timeNs: this.timed === true ? exact(this.times as Float64Array, n) : null,
    };
  }

  private resize(capacity: number, timed: boolean): void {
    const n = this.count;
    this.stack = copied(new Int32Array(capacity), this.stack, n);
    for (let t = 0; t < this.values.length; t++) {
      this.values[t] = copied(new Float64Array(capacity), this.values[t] as Float64Array, n);
    }
    this.times = timed ? copied(new Float64Array(capacity), this.times ?? new Float64Array(0), n) : null;
  }
}

function copied<T extends Int32Array | Float64Array>(into: T, from: T, n: number): T {
  into.set(from.subarray(0, n));
  return into;
}

function exact<T extends Int32Array | Float64Array>(column: T, n: number): T {
  return (column.length === n ? column : column.slice(0, n)) as T;
}
