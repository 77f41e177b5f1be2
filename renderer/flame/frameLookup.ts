/** Finding drawn frames by name, for the debugging hook that end-to-end tests use to aim clicks. */
import type { FlameLayout } from './layout';
import { ROW_HEIGHT } from './view';
import type { VisibleFrames } from './visibleFrames';

export interface FrameRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What the flame graph shows as a node's name; node 0 is the synthetic root. */
export function nodeName(layout: FlameLayout, node: number): string {
  if (node === 0) return 'root';
  const { functionNames, func } = layout.tree;
  return functionNames[func[node] ?? -1] ?? '';
}

/**
 * The widest drawn frame named `name` (the first in pre-order among equals), in
 * CSS pixels relative to the canvas; null when no drawn frame has that name.
 */
export function findFrameRect(layout: FlameLayout, frames: VisibleFrames, name: string): FrameRect | null {
  let best = -1;
  frames.nodes.forEach((node, k) => {
    if (nodeName(layout, node) !== name) return;
    if (best < 0 || (frames.width[k] ?? 0) > (frames.width[best] ?? 0)) best = k;
  });
  if (best < 0) return null;
  const node = frames.nodes[best] ?? 0;
  return {
    x: frames.left[best] ?? 0,
    y: (layout.tree.depth[node] ?? 0) * ROW_HEIGHT,
    w: frames.width[best] ?? 0,
    h: ROW_HEIGHT,
  };
}
