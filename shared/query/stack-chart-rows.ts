/**
 * The stack chart's output rows, filled in time order per row: the level of
 * detail and the box cap.
 *
 * - A box shorter than `minDurationNs` that follows a short box (or run of
 *   them) of its row with a gap shorter than that too joins it: the run becomes
 *   one "(N short)" box (function -1). A lone short box stays as it is.
 * - At most `maxBoxes` boxes are kept: when full, the deepest rows are left
 *   out, so a row never shows without the rows above it; only when row 0 alone
 *   is over the cap does it end early.
 *
 * Each row's last box is held apart (pending) until the next one shows whether
 * it joins, in typed arrays: this is the sweep's innermost step.
 */
import type { StackChart } from '../ipc/contract';

export class StackChartRowsBuilder {
  private readonly start: number[][] = [];
  private readonly end: number[][] = [];
  private readonly func: number[][] = [];
  private readonly shortCount: number[][] = [];
  private readonly pending: Uint8Array;
  private readonly pendingStart: Float64Array;
  private readonly pendingEnd: Float64Array;
  private readonly pendingFunc: Int32Array;
  private readonly pendingCount: Int32Array;
  private readonly pendingShort: Uint8Array;
  /** Rows at or below this one are left out. */
  private rowLimit: number;
  private total = 0;
  private truncated = false;

  constructor(
    rowCount: number,
    private readonly minDurationNs: number,
    private readonly maxBoxes: number,
  ) {
    this.rowLimit = rowCount;
    for (let r = 0; r < rowCount; r++) {
      this.start.push([]);
      this.end.push([]);
      this.func.push([]);
      this.shortCount.push([]);
    }
    this.pending = new Uint8Array(rowCount);
    this.pendingStart = new Float64Array(rowCount);
    this.pendingEnd = new Float64Array(rowCount);
    this.pendingFunc = new Int32Array(rowCount);
    this.pendingCount = new Int32Array(rowCount);
    this.pendingShort = new Uint8Array(rowCount);
  }

  /** Adds a box to `row`; boxes of a row come in time order. */
  add(row: number, start: number, end: number, func: number): void {
    if (row >= this.rowLimit) return;
    const short = end - start < this.minDurationNs;
    if (
      short &&
      this.pending[row] === 1 &&
      this.pendingShort[row] === 1 &&
      start - (this.pendingEnd[row] as number) < this.minDurationNs
    ) {
      this.pendingEnd[row] = end;
      this.pendingFunc[row] = -1;
      this.pendingCount[row] = Math.max(1, this.pendingCount[row] as number) + 1;
      return;
    }
    if (this.pending[row] === 1) {
      this.flush(row);
      if (row >= this.rowLimit) return;
    }
    this.pending[row] = 1;
    this.pendingStart[row] = start;
    this.pendingEnd[row] = end;
    this.pendingFunc[row] = func;
    this.pendingCount[row] = 0;
    this.pendingShort[row] = short ? 1 : 0;
  }

  finish(): Pick<StackChart, 'depth' | 'start' | 'end' | 'func' | 'shortCount' | 'truncated'> {
    for (let r = 0; r < this.rowLimit; r++) if (this.pending[r] === 1) this.flush(r);
    const out = { depth: [] as number[], start: [] as number[], end: [] as number[], func: [] as number[] };
    const shortCount: number[] = [];
    for (let r = 0; r < this.rowLimit; r++) {
      const starts = this.start[r] as number[];
      for (let k = 0; k < starts.length; k++) {
        out.depth.push(r);
        out.start.push(starts[k] as number);
        out.end.push((this.end[r] as number[])[k] as number);
        out.func.push((this.func[r] as number[])[k] as number);
        shortCount.push((this.shortCount[r] as number[])[k] as number);
      }
    }
    return { ...out, shortCount, truncated: this.truncated };
  }

  /** Moves a row's pending box to the output, if the cap lets it. */
  private flush(row: number): void {
    this.pending[row] = 0;
    if (!this.makeRoom(row)) return;
    (this.start[row] as number[]).push(this.pendingStart[row] as number);
    (this.end[row] as number[]).push(this.pendingEnd[row] as number);
    (this.func[row] as number[]).push(this.pendingFunc[row] as number);
    (this.shortCount[row] as number[]).push(this.pendingCount[row] as number);
    this.total++;
  }

  /** Leaves out the deepest rows until a box fits in `row`; false when it does not. */
  private makeRoom(row: number): boolean {
    if (this.total < this.maxBoxes) return true;
    this.truncated = true;
    while (this.total >= this.maxBoxes && this.rowLimit - 1 > row) this.dropRows(this.rowLimit - 1);
    if (this.total < this.maxBoxes) return true;
    // Row 0 alone is over the cap: it ends early. A deeper row goes, so no row is shown incomplete.
    if (row > 0) this.dropRows(row);
    return false;
  }

  /** Leaves out `row` and every row below it. */
  private dropRows(row: number): void {
    for (let r = row; r < this.rowLimit; r++) {
      this.total -= (this.start[r] as number[]).length;
      this.start[r] = [];
      this.end[r] = [];
      this.func[r] = [];
      this.shortCount[r] = [];
      this.pending[r] = 0;
    }
    this.rowLimit = row;
  }
}
