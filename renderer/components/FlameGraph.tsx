/**
 * The flame graph canvas (an icicle: root on top). Layout is computed once per
 * tree by the caller; this component picks the visible frames for the current
 * zoom and width, paints them, and turns pointer positions into frames.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { publishDrawnFlame } from '../flame/debugHook';
import { drawFlame, type FlamePalette } from '../flame/drawFlame';
import { warmColor } from '../flame/frameColor';
import { nodeName } from '../flame/frameLookup';
import { hitTest } from '../flame/hitTest';
import type { FlameLayout } from '../flame/layout';
import { ROW_HEIGHT, viewForZoom } from '../flame/view';
import { collectVisibleFrames } from '../flame/visibleFrames';
import { FlameTooltip } from './FlameTooltip';
import { useDevicePixelRatio } from './useDevicePixelRatio';
import { useElementWidth } from './useElementWidth';
import { usePrefersDark } from './usePrefersDark';

/** Rows below this depth are not drawn: a taller canvas costs too much memory for what anyone reads. */
const MAX_ROWS = 300;
/** Device pixels a canvas may have; beyond it the backing store is scaled below devicePixelRatio. */
const MAX_CANVAS_PIXELS = 32_000_000;

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
  testId = 'flamegraph',
  publishDebug = true,
}: FlameGraphProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(containerRef);
  const devicePixelRatio = useDevicePixelRatio();
  const prefersDark = usePrefersDark();
  const [hover, setHover] = useState<Hover | null>(null);

  const rows = Math.min(layout.maxDepth + 1, MAX_ROWS);
  const height = rows * ROW_HEIGHT;
  const view = useMemo(() => viewForZoom(layout, zoomNode, width), [layout, zoomNode, width]);
  const frames = useMemo(() => collectVisibleFrames(layout, view, rows), [layout, view, rows]);
  const functionColors = useMemo(() => layout.tree.functionNames.map(warmColor), [layout]);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    if (width <= 0) {
      canvas.dataset.ready = 'false';
      return;
    }
    const scale = Math.min(devicePixelRatio, Math.sqrt(MAX_CANVAS_PIXELS / (width * height)));
    const backingWidth = Math.round(width * scale);
    const backingHeight = Math.round(height * scale);
    // Assigning a canvas dimension clears and reallocates it even when unchanged.
    if (canvas.width !== backingWidth) canvas.width = backingWidth;
    if (canvas.height !== backingHeight) canvas.height = backingHeight;
    drawFlame(
      { ctx, widthPx: width, heightPx: height, devicePixelRatio: scale },
      layout,
      frames,
      readPalette(canvas, functionColors, prefersDark),
      searchMatches,
    );
    if (publishDebug) publishDrawnFlame({ layout, view, frames });
    canvas.dataset.ready = 'true';
  }, [layout, view, frames, functionColors, searchMatches, width, height, devicePixelRatio, prefersDark, publishDebug]);

  useEffect(() => {
    if (publishDebug) return () => publishDrawnFlame(null);
  }, [publishDebug]);

  const frameAt = (event: MouseEvent<HTMLCanvasElement>): { node: number; x: number; y: number } => {
    const bounds = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - bounds.left;
    const y = event.clientY - bounds.top;
    return { node: hitTest(layout, view, x, y), x, y };
  };

  // A hover recorded on another tree names a node of that tree: ignore it.
  const shownHover = hover !== null && hover.layout === layout ? hover : null;

  return (
    <div className="flame-graph" ref={containerRef}>
      <canvas
        ref={canvasRef}
        data-testid={testId}
        data-zoom-name={zoomNode === 0 ? 'root' : nodeName(layout, zoomNode)}
        data-node-count={layout.nodeCount}
        className={shownHover ? 'flame-canvas over-frame' : 'flame-canvas'}
        style={{ height: `${height}px` }}
        role="img"
        aria-label="Flame graph"
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
          onZoom(node);
        }}
      />
      {shownHover && (
        <FlameTooltip layout={layout} node={shownHover.node} x={shownHover.x} y={shownHover.y} canvasWidth={width} />
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
    text: read('--flame-text', '#1d1d1d'),
    dimmed: read('--flame-dimmed', prefersDark ? '#3a3a3a' : '#e2e2e2'),
    dimmedText: read('--flame-dimmed-text', '#8a8a8a'),
    merged: read('--flame-merged', prefersDark ? '#6b5a4e' : '#c9b8a8'),
  };
}
