/**
 * The sink that builds the model: each sample's frames are folded into a
 * stack prefix tree (pprof-stream-trie.ts) and its values into the row of its
 * (leaf stack, label set) (pprof-stream-rows.ts).
 */
import { checkLimit, type ImportLimits } from '../limits';
import type { ResolvedTables } from './stream-resolve';
import { SampleRows } from './stream-rows';
import type { PprofSampleSink } from './stream-sink';
import { StackTrie } from './stream-trie';

/** The frame a sample without locations is kept under, since the model needs a stack. */
export const NO_STACK = '(no stack)';

export class TrieSink implements PprofSampleSink {
  readonly trie = new StackTrie();
  readonly rows: SampleRows;
  private noStackNode = -1;

  constructor(
    private readonly tables: ResolvedTables,
    private readonly limits: ImportLimits,
  ) {
    this.rows = new SampleRows(tables.sampleTypes.length);
  }

  sample(locations: Int32Array, count: number, labelSet: number, values: Float64Array): void {
    const { frameStart, frames } = this.tables;
    const trie = this.trie;
    let node = -1;
    for (let k = count - 1; k >= 0; k--) {
      const row = locations[k] as number;
      const last = frameStart[row + 1] as number;
      for (let j = frameStart[row] as number; j < last; j++) node = trie.child(node, frames[j] as number);
    }
    // Checked per sample, not per node: a sample adds at most maxStackDepth nodes.
    if (trie.count > this.limits.maxStackNodes) {
      checkLimit('stack tree nodes (frames of distinct call paths)', trie.count, this.limits, 'maxStackNodes');
    }
    if (node < 0) {
      if (this.noStackNode < 0) this.noStackNode = trie.child(-1, this.tables.model.namedFrame(NO_STACK, 0));
      node = this.noStackNode;
    }
    this.rows.add(node, labelSet, values);
  }
}
