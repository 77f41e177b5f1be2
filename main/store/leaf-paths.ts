/**
 * The call paths that a profile's samples end at, as global frame ids from
 * root to leaf, packed into one array (the profile's stack table is a prefix
 * tree, shared prefixes stored once; the store keeps each path whole).
 */
import type { Profile } from '../../shared/profile/model';

export interface LeafPaths {
  /** Distinct local stacks that samples end at, numbered in order of first sample. */
  count: number;
  /** Per local stack: its leaf number, or -1 when no sample ends there. */
  leafOfStack: Int32Array;
  /** Leaf l's global frame ids are frames[start[l] .. start[l + 1]). */
  start: Int32Array;
  frames: Int32Array;
}

export function leafPaths(profile: Profile, frameIds: ArrayLike<number>): LeafPaths {
  const { frame, parent } = profile.stacks;
  // Depths in one forward pass: a stack's parent always has a smaller index (model.ts).
  const depthOf = new Int32Array(frame.length);
  for (let s = 0; s < frame.length; s++) {
    const f = frame[s] as number;
    if (!(f >= 0 && f < frameIds.length))
      throw new Error(`stack ${s} points at frame ${f}, which the profile does not have`);
    const p = parent[s] as number;
    // A parent at or after its child would make the walks below loop forever.
    if (!(p < s)) throw new Error(`stack ${s} has parent ${p}, not an earlier stack`);
    depthOf[s] = p >= 0 ? (depthOf[p] as number) + 1 : 1;
  }
  // Number the leaves and size the packed array exactly (it can hold tens of millions of frames).
  const leafOfStack = new Int32Array(frame.length).fill(-1);
  const leaves: number[] = [];
  let length = 0;
  const { stack } = profile.samples;
  for (let i = 0; i < stack.length; i++) {
    const leaf = stack[i] as number;
    if (!(leaf >= 0 && leaf < frame.length))
      throw new Error(`sample ${i} points at stack ${leaf}, which the profile does not have`);
    if (leafOfStack[leaf] !== -1) continue;
    leafOfStack[leaf] = leaves.length;
    leaves.push(leaf);
    length += depthOf[leaf] as number;
  }
  const start = new Int32Array(leaves.length + 1);
  const frames = new Int32Array(length);
  let end = 0;
  for (let l = 0; l < leaves.length; l++) {
    const leaf = leaves[l] as number;
    end += depthOf[leaf] as number;
    start[l + 1] = end;
    // Leaf → root, filling the path from its end.
    let at = end;
    for (let s = leaf; s >= 0; s = parent[s] as number) frames[--at] = frameIds[frame[s] as number] as number;
  }
  return { count: leaves.length, leafOfStack, start, frames };
}

/** Whether leaf l's frames equal `other`. */
export function leafHasFrames(leaves: LeafPaths, leaf: number, other: Int32Array): boolean {
  const from = leaves.start[leaf] as number;
  const length = (leaves.start[leaf + 1] as number) - from;
  if (length !== other.length) return false;
  const { frames } = leaves;
  for (let i = 0; i < length; i++) if (frames[from + i] !== other[i]) return false;
  return true;
}

export function leafFrames(leaves: LeafPaths, leaf: number): Int32Array {
  return leaves.frames.subarray(leaves.start[leaf] as number, leaves.start[leaf + 1] as number);
}
