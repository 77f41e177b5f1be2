/**
 * The stack chart canvas: paints the loaded boxes for the visible range, and
 * turns the wheel (zoom around the pointer; sideways: pan), a drag (pan) and a
 * click on a box (zoom to it) into new ranges for the parent to keep.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import type { StackChart } from '../../../shared/ipc/contract';
import { warmColor } from '../flame/frameColor';
import { ROW_HEIGHT } from '../flame/view';
import { prepareCanvas } from '../../charts/canvasTarget';
import { useDevicePixelRatio } from '../../charts/useDevicePixelRatio';
import { usePrefersDark } from '../../app/usePrefersDark';
import { drawStackChart, type StackChartPalette } from './drawStackChart';
import { hitTestStackChart } from './hitTest';
import { indexRows } from './rows';
import { StackChartTooltip } from './StackChartTooltip';
import { AXIS_HEIGHT, clampRange, panBy, zoomAt, type TimeRange } from './view';

/** Rows below this depth are not drawn: a taller canvas costs too much memory for what anyone reads. */
const MAX_ROWS = 300;
/** A press that moves less than this is a click, not a drag. */
const CLICK_SLOP_PX = 3;
/** Pixels per wheel "line" (deltaMode 1), as browsers scroll. */
const LINE_HEIGHT_PX = 16;

interface StackChartCanvasProps {
  chart: StackChart;
  range: TimeRange;
  widthPx: number;
  onRangeChange(range: TimeRange): void;
}

interface Hover {
  chart: StackChart;
  box: number;
  x: number;
  y: number;
}

export function StackChartCanvas({ chart, range, widthPx, onRangeChange }: StackChartCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const devicePixelRatio = useDevicePixelRatio();
  const prefersDark = usePrefersDark();
  const [hover, setHover] = useState<Hover | null>(null);
  const drag = useRef<{ x: number; range: TimeRange; moved: boolean } | null>(null);

  const rows = useMemo(() => indexRows(chart), [chart]);
  const functionColors = useMemo(
    () => chart.functionNames.map((name) => warmColor(name, prefersDark)),
    [chart, prefersDark],
  );
  const bounds = useMemo(() => ({ startNs: chart.timeStartNs, endNs: chart.timeEndNs }), [chart]);
  const visibleRows = Math.min(chart.maxDepth, MAX_ROWS);
  const height = AXIS_HEIGHT + Math.max(1, visibleRows) * ROW_HEIGHT;
  // A hover recorded on another chart names a box of that chart: ignore it.
  const shownHover = hover !== null && hover.chart === chart ? hover : null;

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const target = prepareCanvas(canvas, widthPx, height, devicePixelRatio);
    if (!canvas || !target) return;
    drawStackChart(
      target,
      rows,
      range,
      visibleRows,
      readPalette(canvas, functionColors, prefersDark),
      shownHover?.box ?? -1,
    );
    canvas.dataset.ready = 'true';
  }, [rows, range, widthPx, height, visibleRows, functionColors, devicePixelRatio, prefersDark, shownHover]);

  // React's wheel listener is passive, so it cannot keep the page from scrolling: listen natively.
  const latest = useRef({ range, bounds, widthPx, onRangeChange });
  useLayoutEffect(() => {
    latest.current = { range, bounds, widthPx, onRangeChange };
  }, [range, bounds, widthPx, onRangeChange]);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (event: WheelEvent): void => {
      const { range: current, bounds: all, widthPx: width, onRangeChange: change } = latest.current;
      if (width <= 0) return;
      event.preventDefault();
      const unit = event.deltaMode === 1 ? LINE_HEIGHT_PX : event.deltaMode === 2 ? width : 1;
      const bounds = canvas.getBoundingClientRect();
      if (Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        change(panBy(current, all, event.deltaX * unit, width));
      } else {
        const fraction = Math.min(1, Math.max(0, (event.clientX - bounds.left) / width));
        change(zoomAt(current, all, fraction, event.deltaY * unit));
      }
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, []);

  const pointOf = (event: PointerEvent<HTMLCanvasElement>): { x: number; y: number } => {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };

  return (
    <div className="flame-graph">
      <canvas
        ref={canvasRef}
        data-testid="stack-chart"
        data-box-count={chart.depth.length}
        data-range-start={range.startNs}
        data-range-end={range.endNs}
        className={shownHover ? 'flame-canvas over-frame' : 'flame-canvas'}
        style={{ height: `${height}px`, touchAction: 'none' }}
        role="img"
        aria-label="Stack chart"
        onPointerDown={(event) => {
          if (event.button !== 0) return;
          event.currentTarget.setPointerCapture(event.pointerId);
          drag.current = { x: event.clientX, range, moved: false };
        }}
        onPointerMove={(event) => {
          const pressed = drag.current;
          if (pressed !== null) {
            const dx = event.clientX - pressed.x;
            if (Math.abs(dx) >= CLICK_SLOP_PX) pressed.moved = true;
            if (pressed.moved) {
              setHover(null);
              onRangeChange(panBy(pressed.range, bounds, -dx, widthPx));
              return;
            }
          }
          const { x, y } = pointOf(event);
          const box = hitTestStackChart(rows, range, widthPx, x, y);
          setHover(box < 0 ? null : { chart, box, x, y });
        }}
        onPointerUp={(event) => {
          const pressed = drag.current;
          drag.current = null;
          if (pressed === null || pressed.moved) return;
          const { x, y } = pointOf(event);
          const box = hitTestStackChart(rows, range, widthPx, x, y);
          if (box < 0) return;
          // Zoom to the box, with a little room on each side.
          const start = chart.start[box] as number;
          const end = chart.end[box] as number;
          const margin = (end - start) * 0.05;
          setHover(null);
          onRangeChange(clampRange({ startNs: start - margin, endNs: end + margin }, bounds));
        }}
        onPointerCancel={() => (drag.current = null)}
        onPointerLeave={() => setHover(null)}
      />
      {shownHover && (
        <StackChartTooltip chart={chart} box={shownHover.box} x={shownHover.x} y={shownHover.y} canvasWidth={widthPx} />
      )}
    </div>
  );
}

/** Canvas colours come from CSS custom properties, so the stylesheet owns the theme. */
function readPalette(canvas: HTMLCanvasElement, functionColors: string[], prefersDark: boolean): StackChartPalette {
  const style = getComputedStyle(canvas);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    functionColors,
    text: read('--flame-text', '#1d1d1d'),
    short: read('--stack-chart-short', prefersDark ? '#5a5e66' : '#bdbdbd'),
    axisText: read('--muted', prefersDark ? '#9aa0a6' : '#6b6b6b'),
    axisLine: read('--border', prefersDark ? '#3a3d42' : '#d0d0d0'),
    highlight: read('--flame-text', '#1d1d1d'),
  };
}
