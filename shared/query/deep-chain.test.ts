/**
 * Queries are linear in the forest: a `.cpuprofile` whose 20,000 nodes form
 * one chain with a sample on each is 20,000 nodes here, where whole stacks
 * were 200 million frames (800 MB of frame ids before any query ran). Every
 * query of a flame view runs on it with node counts of the chain's size, and
 * the memory they hold stays small. (Invert is left out: the inverted chain
 * really is 200 million nodes, as its stacks share no prefix.)
 */
import { describe, expect, it } from 'vitest';
import { nodeDecompressor } from '../../main/ingest/node-decompressor';
import { chainCpuprofileText } from '../../test/deep-stacks/generate';
import { importFile } from '../import/index';
import type { Profile } from '../profile/model';
import { buildCallTree } from './call-tree';
import { exactFunctionPattern } from './exact-function-pattern';
import { applyFilters, type TransformFilter } from './filters';
import { topFunctions } from './function-totals';
import { sandwich } from './sandwich';
import { totalValue, weightedStacksFromProfile } from './weighted-stacks';

const DEPTH = 20_000;
const SAMPLE_US = 100;

/** One chain f1 … f20000 under V8's (root), one 100 µs sample on each node. */
function chainProfile(): Profile {
  const text = chainCpuprofileText(DEPTH, SAMPLE_US);
  const { items } = importFile(new TextEncoder().encode(text), 'chain.cpuprofile', { decompressor: nodeDecompressor });
  const item = items[0];
  if (item?.type !== 'profile') throw new Error('chain.cpuprofile: no profile');
  return item.profile;
}

const held = (): number => {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};

describe('a 20,000-deep chain with a sample on every node', () => {
  it('gives every view with node counts linear in the chain, in little memory', () => {
    const profile = chainProfile();
    const before = held();
    const stacks = weightedStacksFromProfile(profile, 0);
    const type = profile.sampleTypes[0] as Profile['sampleTypes'][number];
    const sampleNs = totalValue(stacks) / DEPTH;
    // The importer's stack rows: the chain, perhaps under a (root) row; one node each.
    expect(stacks.parent.length).toBe(profile.stacks.frame.length);
    expect(stacks.parent.length).toBeLessThanOrEqual(DEPTH + 1);
    const f = (i: number): number => stacks.functionNames.indexOf(`f${i}`);

    const tree = buildCallTree(stacks, type);
    expect(tree.func.length).toBe(stacks.parent.length + 1);
    expect(Math.max(...tree.depth)).toBe(stacks.parent.length);

    const top = topFunctions(stacks, DEPTH);
    const row = (name: string) => top.find((r) => r.function === name);
    expect(row('f1')).toMatchObject({ self: sampleNs, total: DEPTH * sampleNs });
    expect(row('f15000')).toMatchObject({ self: sampleNs, total: (DEPTH - 15000 + 1) * sampleNs });
    expect(row(`f${DEPTH}`)).toMatchObject({ self: sampleNs, total: sampleNs });

    const middle = exactFunctionPattern('f10000');
    const filtered = (...filters: TransformFilter[]) => applyFilters(stacks, filters);
    const focused = filtered({ kind: 'focus', pattern: middle });
    expect([focused.parent.length, totalValue(focused)]).toEqual([DEPTH - 10000 + 1, (DEPTH - 10000 + 1) * sampleNs]);
    const dropped = filtered({ kind: 'drop', pattern: middle });
    expect([dropped.parent.length, totalValue(dropped)]).toEqual([
      stacks.parent.length - (DEPTH - 10000 + 1),
      (10000 - 1) * sampleNs,
    ]);
    const hidden = filtered({ kind: 'hide', pattern: '^f\\d*[13579]$' });
    expect([hidden.parent.length, totalValue(hidden)]).toEqual([stacks.parent.length - DEPTH / 2, DEPTH * sampleNs]);
    for (const filter of [{ kind: 'collapseRecursion' }, { kind: 'collapseRecursion', pattern: '.' }] as const) {
      const collapsed = filtered(filter);
      expect([collapsed.parent.length, totalValue(collapsed)]).toEqual([stacks.parent.length, DEPTH * sampleNs]);
    }
    expect(buildCallTree(filtered({ kind: 'hide', pattern: '^f\\d*[13579]$' }), type).func.length).toBe(
      hidden.parent.length + 1,
    );

    const { callers, callees } = sandwich(stacks, f(10000));
    // What the queries above hold (most of it still referenced, below) is what they cost.
    expect(held() - before).toBeLessThan(100 * 1024 * 1024);
    expect([callees.func.length, totalValue(callees)]).toEqual([DEPTH - 10000 + 1, (DEPTH - 10000 + 1) * sampleNs]);
    expect(callers.func.length).toBe(stacks.parent.length - (DEPTH - 10000));
    expect([tree.total[0], top.length, focused.func.length]).toEqual([DEPTH * sampleNs, DEPTH, DEPTH - 10000 + 1]);
  });
});
