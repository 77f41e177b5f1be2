/**
 * Interns the label sets of samples (profile.proto Sample.label: key, str,
 * num, num_unit), so that a sample's labels become one small integer and
 * samples that agree on stack and label set can be summed into one row.
 *
 * A set is compared as a multiset: its labels are sorted into a canonical
 * order (key, str, num, unit — by file string index) before hashing, so two
 * samples listing the same labels in another order share a set. Labels are
 * stored in that order, which is also the order their rows take in the
 * model's label table. Set 0 is the empty set.
 *
 * Typed arrays throughout: the current sample's labels sit in a reused
 * scratch buffer, so a sample whose set already exists allocates nothing.
 */
import { hash } from './stream-trie';

const FIELDS = 4; // key, str, num, unit
const TWO_32 = 4294967296;
const INSERTION_SORT_MAX = 16;

export class LabelSets {
  /** Number of sets, the empty set included. */
  count = 1;
  // The sample being read.
  private scratch = new Float64Array(FIELDS * 8);
  private scratchLength = 0;
  // Stored sets: set s has labels pool[FIELDS * start[s] …] of count length[s].
  private pool = new Float64Array(FIELDS * 64);
  private poolLength = 0;
  private starts = new Int32Array(64);
  private lengths = new Int32Array(64);
  private slots = new Int32Array(256);

  /** Starts the labels of a new sample. */
  begin(): void {
    this.scratchLength = 0;
  }

  /** Adds a label to the current sample: string indices of the file; a string label has num = unit = 0. */
  add(key: number, str: number, num: number, unit: number): void {
    let at = FIELDS * this.scratchLength;
    if (at + FIELDS > this.scratch.length) {
      const grown = new Float64Array(this.scratch.length * 2);
      grown.set(this.scratch);
      this.scratch = grown;
    }
    const s = this.scratch;
    s[at++] = key;
    s[at++] = str;
    s[at++] = num;
    s[at] = unit;
    this.scratchLength++;
  }

  /** The id of the current sample's label set (0 when it has none). */
  intern(): number {
    const n = this.scratchLength;
    if (n === 0) return 0;
    this.sortScratch();
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = this.scratchHash() & mask;
    for (;;) {
      const entry = slots[slot] as number;
      if (entry === 0) break;
      if (this.equalsScratch(entry)) return entry;
      slot = (slot + 1) & mask;
    }
    const id = this.store();
    slots[slot] = id;
    if (10 * this.count > 7 * slots.length) this.growSlots();
    return id;
  }

  /** Labels in set `id`. */
  size(id: number): number {
    return this.lengths[id] as number;
  }

  /** Field `field` (0 key, 1 str, 2 num, 3 unit) of label `i` of set `id`. */
  get(id: number, i: number, field: number): number {
    return this.pool[FIELDS * ((this.starts[id] as number) + i) + field] as number;
  }

  private scratchHash(): number {
    let h = this.scratchLength;
    for (let i = 0; i < FIELDS * this.scratchLength; i++) {
      const v = this.scratch[i] as number;
      // Both 32-bit halves of the value: nums are int64s, exact in a double up to 2^53.
      h = hash(h, (v | 0) ^ Math.imul(Math.floor(v / TWO_32) | 0, 0x27d4eb2d));
    }
    return h;
  }

  private equalsScratch(id: number): boolean {
    const n = this.scratchLength;
    if (this.lengths[id] !== n) return false;
    const base = FIELDS * (this.starts[id] as number);
    for (let i = 0; i < FIELDS * n; i++) if (this.pool[base + i] !== this.scratch[i]) return false;
    return true;
  }

  private store(): number {
    const id = this.count;
    const n = this.scratchLength;
    if (id === this.starts.length) {
      this.starts = grownInt32(this.starts);
      this.lengths = grownInt32(this.lengths);
    }
    const need = FIELDS * (this.poolLength + n);
    if (need > this.pool.length) {
      let size = this.pool.length * 2;
      while (size < need) size *= 2;
      const pool = new Float64Array(size);
      pool.set(this.pool.subarray(0, FIELDS * this.poolLength));
      this.pool = pool;
    }
    this.pool.set(this.scratch.subarray(0, FIELDS * n), FIELDS * this.poolLength);
    this.starts[id] = this.poolLength;
    this.lengths[id] = n;
    this.poolLength += n;
    this.count = id + 1;
    return id;
  }

  private growSlots(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 1; id < this.count; id++) {
      this.loadScratch(id);
      let slot = this.scratchHash() & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.slots = slots;
    this.scratchLength = 0;
  }

  private loadScratch(id: number): void {
    const n = this.lengths[id] as number;
    this.scratchLength = 0;
    const base = FIELDS * (this.starts[id] as number);
    for (let i = 0; i < n; i++) {
      const at = base + FIELDS * i;
      this.add(
        this.pool[at] as number,
        this.pool[at + 1] as number,
        this.pool[at + 2] as number,
        this.pool[at + 3] as number,
      );
    }
  }

  /** Sorts the current labels into canonical order; most samples have one to three. */
  private sortScratch(): void {
    const n = this.scratchLength;
    const s = this.scratch;
    if (n <= INSERTION_SORT_MAX) {
      for (let i = 1; i < n; i++) {
        for (let j = i; j > 0 && compareTuples(s, j - 1, j) > 0; j--) {
          for (let f = 0; f < FIELDS; f++) {
            const a = FIELDS * (j - 1) + f;
            const b = FIELDS * j + f;
            const t = s[a] as number;
            s[a] = s[b] as number;
            s[b] = t;
          }
        }
      }
      return;
    }
    // Many labels on one sample is rare: an index sort (O(n log n)) with a copy is fine there.
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => compareTuples(s, a, b));
    const copy = s.slice(0, FIELDS * n);
    order.forEach((from, to) => s.set(copy.subarray(FIELDS * from, FIELDS * from + FIELDS), FIELDS * to));
  }
}

function compareTuples(s: Float64Array, a: number, b: number): number {
  for (let f = 0; f < FIELDS; f++) {
    const d = (s[FIELDS * a + f] as number) - (s[FIELDS * b + f] as number);
    if (d !== 0) return d;
  }
  return 0;
}

function grownInt32(values: Int32Array): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(values.length * 2);
  grown.set(values);
  return grown;
}
