/**
 * Per-function self and total of a profile whose samples arrive one at a
 * time (the streaming pprof writer), for `profile_functions`: the same values
 * `indexWrittenProfile` computes from a whole profile and `kiln top` shows
 * (self: the leaf's function; total: every function on the stack, once per
 * sample even under recursion).
 */
import type Database from 'better-sqlite3';
import { insertFunctionRows, markIndexed } from './function-index';

export class StreamedFunctionTotals {
  /** Dense index per global frame id (-1: not seen yet). */
  private denseOfFrame = new Int32Array(1024).fill(-1);
  private readonly denseOfFunction = new Map<number, number>();
  private readonly functionIds: number[] = [];
  private self = new Float64Array(256);
  private total = new Float64Array(256);
  /** seenIn[f] = the sample number that last counted f's total. */
  private seenIn = new Int32Array(256);
  private sampleNumber = 0;

  /** @param functionOfFrame the store function id of a store frame id */
  constructor(private readonly functionOfFrame: (frameId: number) => number) {}

  /** One sample: its global frame ids root first (`depth` of them) and its value of the default type. */
  add(frames: Int32Array, depth: number, value: number): void {
    if (value === 0 || depth === 0) return;
    const sample = ++this.sampleNumber;
    for (let i = 0; i < depth; i++) {
      const f = this.denseOf(frames[i] as number);
      if (this.seenIn[f] !== sample) {
        this.seenIn[f] = sample;
        this.total[f] = (this.total[f] as number) + value;
      }
    }
    const leaf = this.denseOf(frames[depth - 1] as number);
    this.self[leaf] = (this.self[leaf] as number) + value;
  }

  /** Writes the rows of `profile_functions` and marks the item indexed. */
  write(db: Database.Database, profileId: number): void {
    insertFunctionRows(db, profileId, this.functionIds, this.self, this.total);
    markIndexed(db, profileId);
  }

  private denseOf(frameId: number): number {
    if (frameId >= this.denseOfFrame.length) {
      let size = this.denseOfFrame.length * 2;
      while (size <= frameId) size *= 2;
      const grown = new Int32Array(size).fill(-1);
      grown.set(this.denseOfFrame);
      this.denseOfFrame = grown;
    }
    let dense = this.denseOfFrame[frameId] as number;
    if (dense >= 0) return dense;
    const functionId = this.functionOfFrame(frameId);
    dense = this.denseOfFunction.get(functionId) ?? -1;
    if (dense < 0) {
      dense = this.functionIds.length;
      this.denseOfFunction.set(functionId, dense);
      this.functionIds.push(functionId);
      if (dense === this.self.length) this.grow();
    }
    this.denseOfFrame[frameId] = dense;
    return dense;
  }

  private grow(): void {
    const size = this.self.length * 2;
    const self = new Float64Array(size);
    self.set(this.self);
    this.self = self;
    const total = new Float64Array(size);
    total.set(this.total);
    this.total = total;
    const seenIn = new Int32Array(size);
    seenIn.set(this.seenIn);
    this.seenIn = seenIn;
  }
}
