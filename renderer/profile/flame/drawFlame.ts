/**
 * Paints the frames chosen by collectVisibleFrames on a canvas, in the view's
 * orientation, and outlines the selected frame. Names go through fillText only:
 * profile strings never reach an HTML parser.
 */
import { nodeName } from './frameLookup';
import type { FlameLayout } from './layout';
import { truncateToWidth } from './truncateText';
import { ROW_HEIGHT, depthTop, nodeSpanPx, type FlameView } from './view';
import type { VisibleFrames } from './visibleFrames';
import { clearCanvas, type CanvasTarget } from '../../charts/canvasTarget';

export const FRAME_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
/** Labels are only attempted on frames at least this wide (CSS px): below it no character fits anyway. */
const MIN_LABEL_WIDTH_PX = 24;
// Labels start clear of the frame's left edge, so its first pixels are always the fill colour.
const LABEL_PADDING_PX = 6;

export interface FlamePalette {
  /** Colour of each function, indexed like functionNames. */
  functionColors: string[];
  /** Colour of each node, over its function's (a diff flame graph colours by change). */
  nodeColors?: readonly string[];
  text: string;
  /** Fill of frames that do not match an active search. */
  dimmed: string;
  dimmedText: string;
  /** Fill of blocks standing for many frames too narrow to draw one by one. */
  merged: string;
  /** Outline of the selected frame. */
  selected: string;
}

export interface FlameDecorations {
  /** Orientation and zoom; without it the root is on top and rows follow depth. */
  view?: FlameView;
  /** Node outlined as selected, or -1. */
  selectedNode?: number;
}

/** Width (CSS px) of the selected frame's outline, drawn inside the frame. */
const SELECTED_OUTLINE_PX = 2;

export function drawFlame(
  target: CanvasTarget,
  layout: FlameLayout,
  frames: VisibleFrames,
  palette: FlamePalette,
  searchMatches: Uint8Array | null,
  decorations: FlameDecorations = {},
): void {
  const { ctx } = target;
  const { view, selectedNode = -1 } = decorations;
  clearCanvas(target);
  ctx.font = FRAME_FONT;
  ctx.textBaseline = 'middle';
  const { depth, func } = layout.tree;
  const frameHeight = ROW_HEIGHT - 1;
  const topOf = (d: number): number => (view ? depthTop(view, d) : d * ROW_HEIGHT);

  ctx.fillStyle = palette.merged;
  for (const block of frames.merged) {
    ctx.fillRect(block.left, topOf(block.depth), block.width, frameHeight);
  }

  const measure = (text: string): number => measureCached(ctx, text);
  // Fills grouped by colour: one fillStyle per colour rather than per frame (each assignment parses a CSS colour).
  const fills = new Map<string, number[]>();
  const labels: number[] = [];
  frames.nodes.forEach((node, k) => {
    const dimmed = searchMatches !== null && searchMatches[node] !== 1;
    const color = dimmed
      ? palette.dimmed
      : (palette.nodeColors?.[node] ?? palette.functionColors[func[node] ?? -1] ?? palette.merged);
    const group = fills.get(color);
    if (group) group.push(k);
    else fills.set(color, [k]);
    if ((frames.width[k] ?? 0) >= MIN_LABEL_WIDTH_PX) labels.push(k);
  });
  for (const [color, group] of fills) {
    ctx.fillStyle = color;
    for (const k of group) {
      const width = frames.width[k] ?? 0;
      // A 1 px gap separates neighbours once frames are wide enough to spare it.
      ctx.fillRect(
        frames.left[k] ?? 0,
        topOf(depth[frames.nodes[k] as number] ?? 0),
        width >= 3 ? width - 1 : width,
        frameHeight,
      );
    }
  }
  for (const dimmedPass of [false, true]) {
    ctx.fillStyle = dimmedPass ? palette.dimmedText : palette.text;
    for (const k of labels) {
      const node = frames.nodes[k] as number;
      if ((searchMatches !== null && searchMatches[node] !== 1) !== dimmedPass) continue;
      const width = frames.width[k] ?? 0;
      const label = truncateToWidth(nodeName(layout, node), width - 2 * LABEL_PADDING_PX, measure);
      if (label === '') continue;
      ctx.fillText(label, (frames.left[k] ?? 0) + LABEL_PADDING_PX, topOf(depth[node] ?? 0) + frameHeight / 2);
    }
  }

  if (view && selectedNode >= 0 && selectedNode < layout.nodeCount) {
    const span = nodeSpanPx(layout, view, selectedNode);
    const d = depth[selectedNode] ?? 0;
    if (span && d < view.rowCount) {
      // Inside the frame, so neighbours' fills do not cover it; at least a few px wide, so a sliver shows.
      const inset = SELECTED_OUTLINE_PX / 2;
      const width = Math.max(span.width, 2 * SELECTED_OUTLINE_PX + 1);
      ctx.strokeStyle = palette.selected;
      ctx.lineWidth = SELECTED_OUTLINE_PX;
      ctx.strokeRect(span.left + inset, topOf(d) + inset, width - 2 * inset, frameHeight - 2 * inset);
    }
  }
}

/**
 * Text widths in FRAME_FONT (drawFlame always draws in it; measureText gives
 * CSS px whatever the transform), remembered: the same names and cut prefixes
 * are measured at every redraw, and measureText was the largest script cost
 * of a zoom on a 500k-node graph. Bounded, so a session that visits many
 * profiles does not keep every string it ever drew.
 */
const textWidths = new Map<string, number>();
const MAX_REMEMBERED_WIDTHS = 50_000;

function measureCached(ctx: CanvasRenderingContext2D, text: string): number {
  let width = textWidths.get(text);
  if (width === undefined) {
    if (textWidths.size >= MAX_REMEMBERED_WIDTHS) textWidths.clear();
    width = ctx.measureText(text).width;
    textWidths.set(text, width);
  }
  return width;
}
