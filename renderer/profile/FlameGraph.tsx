/**
 * The flame graph canvas, as an icicle (root on top) or a flame graph (root at
 * the bottom). Layout is computed once per tree by the caller; this component
 * picks the visible frames for the current zoom and width, paints them, turns
 * pointer positions into frames and, when the caller tracks a selection, lets
 * the arrow keys walk the frames.
 */
import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { publishDrawnFlame } from './flame/debugHook';
import { drawFlame, type FlamePalette } from './flame/drawFlame';
import { packageColor, warmColor } from './flame/frameColor';
import { nodeName } from './flame/frameLookup';
import { hitTest } from './flame/hitTest';
import { isFlameArrowKey, navigateFlame, zoomToReveal } from './flame/keyNav';
import type { FlameLayout } from './flame/layout';
import { cachedFunctionPackages } from './flame/packageLegend';
import { ROW_HEIGHT, viewForZoom, type FlameOrientation } from './flame/view';
import { collectVisibleFrames } from './flame/visibleFrames';
import { useViewStore } from '../app/viewStore';
import { FlameTooltip } from './FlameTooltip';
import { hasCommandModifier } from '../app/keyTargets';
import { prepareCanvas } from '../charts/canvasTarget';
import { useDevicePixelRatio } from '../charts/useDevicePixelRatio';
import { useElementWidth } from '../app/useElementWidth';
import { usePrefersDark } from '../app/usePrefersDark';

/** Rows below this depth are not drawn: a taller canvas costs too much memory for what anyone reads. */
const MAX_ROWS = 300;

interface FlameGraphProps {
  layout: FlameLayout;
  zoomNode: number;
  /** 1 per matching node while a search is active, else null. */
  searchMatches: Uint8Array | null;
  /** Zoom to a node; the root (0) means reset. */
  onZoom(node: number): void;
  /** `data-testid` of the canvas; the main graph keeps the default `flamegraph`. */
  testId?: string;
  /** Whether this graph feeds the `window.__kilnFlame` debugging hook (only the main graph does). */
  publishDebug?: boolean;
  orientation?: FlameOrientation;
  /** What the tooltip's percentages are of: the selection's total before filters ("% of selection"). */
  selectionTotal: number;
  /** The frame outlined as selected, or -1. */
  selectedNode?: number;
  /** Given, the graph takes keyboard focus and the arrow keys move the selection. */
  onSelect?(node: number): void;
  /** Colour of each node over the colour mode's (the diff flame graph colours by change). */
  nodeColors?: readonly string[];
  /** The hover card of a node, instead of the self/total card (the diff flame graph shows A, B and the change). */
  renderTooltip?(node: number, at: { x: number; y: number; canvasWidth: number }): ReactNode;
}

interface Hover {
  layout: FlameLayout;
  node: number;
  x: number;
  y: number;
}

export function FlameGraph({
  layout,
  zoomNode,
  searchMatches,
  onZoom,
  selectionTotal,
  testId = 'flamegraph',
  publishDebug = true,
  orientation = 'icicle',
  selectedNode = -1,
  onSelect,
  nodeColors,
  renderTooltip,
}: FlameGraphProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(containerRef);
  const devicePixelRatio = useDevicePixelRatio();
  const prefersDark = usePrefersDark();
  const colorMode = useViewStore((s) => s.colorMode);
  const [hover, setHover] = useState<Hover | null>(null);

  const rows = Math.min(layout.maxDepth + 1, MAX_ROWS);
  const height = rows * ROW_HEIGHT;
  const view = useMemo(
    () => viewForZoom(layout, zoomNode, width, orientation, rows),
    [layout, zoomNode, width, orientation, rows],
  );
  const frames = useMemo(() => collectVisibleFrames(layout, view, rows), [layout, view, rows]);
  const functionColors = useMemo(
    () =>
      colorMode === 'package'
        ? cachedFunctionPackages(layout.tree).map((pkg) => packageColor(pkg, prefersDark))
        : layout.tree.functionNames.map((name) => warmColor(name, prefersDark)),
    [layout, colorMode, prefersDark],
  );

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const target = prepareCanvas(canvas, width, height, devicePixelRatio);
    if (!canvas || !target) return;
    const palette = { ...readPalette(canvas, functionColors, prefersDark), ...(nodeColors ? { nodeColors } : {}) };
    drawFlame(target, layout, frames, palette, searchMatches, { view, selectedNode });
    if (publishDebug) publishDrawnFlame({ layout, view, frames });
    canvas.dataset.ready = 'true';
  }, [
    layout,
    view,
    frames,
    functionColors,
    searchMatches,
    width,
    height,
    devicePixelRatio,
    prefersDark,
    publishDebug,
    selectedNode,
    nodeColors,
  ]);

  useEffect(() => {
    if (publishDebug) return () => publishDrawnFlame(null);
  }, [publishDebug]);

  const frameAt = (event: MouseEvent<HTMLCanvasElement>): { node: number; x: number; y: number } => {
    const bounds = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - bounds.left;
    const y = event.clientY - bounds.top;
    return { node: hitTest(layout, view, x, y), x, y };
  };

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>): void => {
    if (!onSelect || hasCommandModifier(event)) return;
    const current = selectedNode >= 0 && selectedNode < layout.nodeCount ? selectedNode : -1;
    if (isFlameArrowKey(event.key)) {
      event.preventDefault();
      // The first arrow picks the frame that fills the width; the next ones move from it.
      const next = current < 0 ? view.zoomNode : navigateFlame(layout, current, event.key, orientation);
      onSelect(next);
      const zoom = zoomToReveal(layout, view.zoomNode, next);
      if (zoom !== view.zoomNode) onZoom(zoom);
    } else if (event.key === 'Enter' && current >= 0) {
      event.preventDefault();
      onZoom(current);
    }
  };

  // A hover recorded on another tree names a node of that tree: ignore it.
  const shownHover = hover !== null && hover.layout === layout ? hover : null;
  const shownSelection = selectedNode >= 0 && selectedNode < layout.nodeCount ? selectedNode : -1;

  return (
    <div className="flame-graph" ref={containerRef}>
      <canvas
        ref={canvasRef}
        data-testid={testId}
        data-zoom-name={zoomNode === 0 ? 'root' : nodeName(layout, zoomNode)}
        data-node-count={layout.nodeCount}
        data-orientation={orientation}
        data-selected-node={shownSelection}
        data-selected-name={shownSelection >= 0 ? nodeName(layout, shownSelection) : undefined}
        className={shownHover ? 'flame-canvas over-frame' : 'flame-canvas'}
        style={{ height: `${height}px` }}
        role="img"
        aria-label={
          onSelect
            ? 'Flame graph. Arrow keys move between frames, Enter zooms to the selected frame, Esc resets the zoom.'
            : 'Flame graph'
        }
        tabIndex={onSelect ? 0 : undefined}
        onKeyDown={onKeyDown}
        onMouseMove={(event) => {
          const { node, x, y } = frameAt(event);
          setHover(node < 0 ? null : { layout, node, x, y });
        }}
        onMouseLeave={() => setHover(null)}
        onClick={(event) => {
          const { node } = frameAt(event);
          if (node < 0) return;
          // The card describes a frame at its old place; the next pointer move brings it back.
          setHover(null);
          onSelect?.(node);
          onZoom(node);
        }}
      />
      {shownHover && renderTooltip?.(shownHover.node, { x: shownHover.x, y: shownHover.y, canvasWidth: width })}
      {shownHover && !renderTooltip && (
        <FlameTooltip
          layout={layout}
          node={shownHover.node}
          x={shownHover.x}
          y={shownHover.y}
          canvasWidth={width}
          selectionTotal={selectionTotal}
        />
      )}
    </div>
  );
}

/** Canvas colours come from CSS custom properties, so the stylesheet owns the theme. */
function readPalette(canvas: HTMLCanvasElement, functionColors: string[], prefersDark: boolean): FlamePalette {
  const style = getComputedStyle(canvas);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    functionColors,
    text: read('--flame-text', prefersDark ? '#f1f1f1' : '#1d1d1d'),
    dimmed: read('--flame-dimmed', prefersDark ? '#3a3a3a' : '#e2e2e2'),
    dimmedText: read('--flame-dimmed-text', '#8a8a8a'),
    merged: read('--flame-merged', prefersDark ? '#6b5a4e' : '#c9b8a8'),
    selected: read('--flame-selected', prefersDark ? '#93c5fd' : '#1d4ed8'),
  };
}
