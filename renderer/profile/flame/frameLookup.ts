/** Naming frames, and finding drawn frames by name for the debugging hook that end-to-end tests use to aim clicks. */
import { formatPercent } from '../../../shared/format/units';
import type { FlameLayout } from './layout';
import { ROW_HEIGHT, depthTop, type FlameView } from './view';
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
 * Without a view the root is taken to be on top.
 */
export function findFrameRect(
  layout: FlameLayout,
  frames: VisibleFrames,
  name: string,
  view?: FlameView,
): FrameRect | null {
  let best = -1;
  frames.nodes.forEach((node, k) => {
    if (nodeName(layout, node) !== name) return;
    if (best < 0 || (frames.width[k] ?? 0) > (frames.width[best] ?? 0)) best = k;
  });
  if (best < 0) return null;
  const node = frames.nodes[best] ?? 0;
  const depth = layout.tree.depth[node] ?? 0;
  return {
    x: frames.left[best] ?? 0,
    y: view ? depthTop(view, depth) : depth * ROW_HEIGHT,
    w: frames.width[best] ?? 0,
    h: ROW_HEIGHT,
  };
}

/** What a screen reader hears when a frame is selected: its name and its shares, "% of selection" as everywhere. */
export function frameAnnouncement(layout: FlameLayout, node: number, selectionTotal: number): string {
  const { total, self } = layout.tree;
  const share = (value: number): string => formatPercent(selectionTotal > 0 ? value / selectionTotal : 0);
  return `${nodeName(layout, node)}: ${share(total[node] ?? 0)} of selection, ${share(self[node] ?? 0)} self`;
}
