/**
 * The model's sample rows as pass 2 builds them: one row per distinct (leaf
 * stack, label set), its values the sums of the samples that share both. Rows
 * keep the order in which their first sample appeared. Typed arrays and an
 * open-addressing hash keyed by the pair, so a sample costs no allocation.
 */
import { hash } from './stream-trie';

const INITIAL_ROWS = 1 << 10;

export class SampleRows {
  count = 0;
  private readonly typeCount: number;
  private stacks = new Int32Array(INITIAL_ROWS);
  private labelSets = new Int32Array(INITIAL_ROWS);
  /** Row r's value of type t at r * typeCount + t. */
  private values: Float64Array;
  /** row + 1, 0 when empty; a power of two long. */
  private slots = new Int32Array(2 * INITIAL_ROWS);

  constructor(typeCount: number) {
    this.typeCount = typeCount;
    this.values = new Float64Array(INITIAL_ROWS * typeCount);
  }

  /** Adds one sample's values (the first `typeCount` of `values`) to the row of (stack, labelSet). */
  add(stack: number, labelSet: number, values: Float64Array): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = hash(stack, labelSet) & mask;
    let row = -1;
    for (;;) {
      const entry = slots[slot] as number;
      if (entry === 0) break;
      if (this.stacks[entry - 1] === stack && this.labelSets[entry - 1] === labelSet) {
        row = entry - 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
    const types = this.typeCount;
    if (row < 0) {
      row = this.count;
      if (row === this.stacks.length) this.grow();
      this.stacks[row] = stack;
      this.labelSets[row] = labelSet;
      slots[slot] = row + 1;
      this.count = row + 1;
      if (10 * this.count > 7 * slots.length) this.growSlots();
    }
    const sums = this.values;
    const base = row * types;
    for (let t = 0; t < types; t++) sums[base + t] = (sums[base + t] as number) + (values[t] as number);
  }

  stackOf(row: number): number {
    return this.stacks[row] as number;
  }

  labelSetOf(row: number): number {
    return this.labelSets[row] as number;
  }

  /** The model's `samples.stack` and `samples.values` columns. */
  toColumns(): { stack: Int32Array; values: Float64Array[] } {
    const count = this.count;
    const values: Float64Array[] = [];
    for (let t = 0; t < this.typeCount; t++) {
      const column = new Float64Array(count);
      for (let row = 0, at = t; row < count; row++, at += this.typeCount) column[row] = this.values[at] as number;
      values.push(column);
    }
    return { stack: this.stacks.slice(0, count), values };
  }

  private grow(): void {
    const size = this.stacks.length * 2;
    const stacks = new Int32Array(size);
    stacks.set(this.stacks);
    this.stacks = stacks;
    const labelSets = new Int32Array(size);
    labelSets.set(this.labelSets);
    this.labelSets = labelSets;
    const values = new Float64Array(size * this.typeCount);
    values.set(this.values);
    this.values = values;
  }

  private growSlots(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let row = 0; row < this.count; row++) {
      let slot = hash(this.stacks[row] as number, this.labelSets[row] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = row + 1;
    }
    this.slots = slots;
  }
}
