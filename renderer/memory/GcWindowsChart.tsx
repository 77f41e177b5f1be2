/**
 * GC beside CPU and allocations on one wall-clock axis (gcChartLayout), on a canvas; a drag across it selects that
 * window for every view (onBrush), shaded while dragging and while it is the selection's window.
 */
import { useLayoutEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import type { TimeWindow } from '../../shared/capture/selection';
import { prepareCanvas } from '../charts/canvasTarget';
import { useDevicePixelRatio } from '../charts/useDevicePixelRatio';
import { useElementWidth } from '../app/useElementWidth';
import { usePrefersDark } from '../app/usePrefersDark';
import { brushPixels } from '../timeline/brush';
import { drawGcChart, type GcChartPalette } from './drawGcChart';
import { chartBrushWindow, GC_CHART_HEIGHT_PX, layoutGcChart, type GcChartInput } from './gcChartLayout';

/** Kind colours: distinct in both themes, the first the chart bar colour the GC log view uses. */
const KIND_COLOURS = ['#c2410c', '#7c3aed', '#0891b2', '#65a30d', '#db2777', '#ca8a04'];

export function GcWindowsChart({
  input,
  shaded,
  onBrush,
}: {
  input: GcChartInput;
  /** The selection's window, shaded; null for none. */
  shaded: TimeWindow | null;
  onBrush(window: TimeWindow): void;
}) {
  const frameRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(frameRef);
  const devicePixelRatio = useDevicePixelRatio();
  const prefersDark = usePrefersDark();
  const layout = useMemo(() => layoutGcChart(input, width), [input, width]);
  const [drag, setDrag] = useState<{ x0: number; x1: number } | null>(null);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const target = prepareCanvas(canvas, width, GC_CHART_HEIGHT_PX, devicePixelRatio);
    if (!canvas || !target) return;
    drawGcChart(target, layout, palette(canvas, prefersDark));
    canvas.dataset.ready = 'true';
  }, [layout, width, devicePixelRatio, prefersDark]);

  const xOf = (event: PointerEvent): number => event.clientX - (canvasRef.current?.getBoundingClientRect().left ?? 0);
  const live = drag === null ? null : chartBrushWindow(input.range, layout.plot, drag.x0, drag.x1);
  const shade = live ?? shaded;
  const pixels = shade === null ? null : brushPixels(input.range, layout.plot.width, shade);

  return (
    <div className="gc-windows-chart">
      {/* The frame, not the canvas, has the border: the canvas must be exactly the measured width. */}
      <div className="gc-chart-frame gc-windows-frame" ref={frameRef}>
        <canvas
          ref={canvasRef}
          data-testid="gc-windows-chart"
          data-bar-count={layout.bars.length}
          data-marker-count={layout.markers.length}
          data-core-boxes={layout.coreBoxes.length}
          data-from-ms={input.range.fromMs}
          data-to-ms={input.range.toMs}
          data-plot-x={layout.plot.x}
          data-plot-width={layout.plot.width}
          style={{ height: `${GC_CHART_HEIGHT_PX}px` }}
          role="img"
          aria-label={`GC pauses, GC frequency, allocation rate and CPU on one clock: ${layout.bars.length} pauses, ${layout.markers.length} change points. Drag across to select a window.`}
          onPointerDown={(event) => {
            if (event.button !== 0) return;
            event.currentTarget.setPointerCapture(event.pointerId);
            setDrag({ x0: xOf(event), x1: xOf(event) });
          }}
          onPointerMove={(event) => drag && setDrag({ ...drag, x1: xOf(event) })}
          onPointerUp={(event) => {
            if (!drag) return;
            const window = chartBrushWindow(input.range, layout.plot, drag.x0, xOf(event));
            setDrag(null);
            if (window) onBrush(window);
          }}
          onPointerCancel={() => setDrag(null)}
        />
        {pixels && (
          <div
            className="gc-brush"
            data-testid="gc-brush"
            data-live={live !== null}
            data-start-ms={shade?.startMs}
            data-end-ms={shade?.endMs}
            style={{
              left: layout.plot.x + pixels.left,
              width: pixels.width,
              top: layout.plot.top - 6,
              height: layout.plot.bottom - layout.plot.top + 6,
            }}
            aria-hidden="true"
          />
        )}
      </div>
      <div className="chart-legend gc-kinds-legend" data-testid="gc-kinds-legend">
        {layout.kinds.map((kind, i) => (
          <span key={kind} className="legend-item">
            <span className="legend-swatch" style={{ background: KIND_COLOURS[i % KIND_COLOURS.length] }} /> {kind}
          </span>
        ))}
        <span className="legend-item">
          <span className="legend-swatch legend-line" /> live heap after GC
        </span>
        <span className="legend-item">
          <span className="legend-swatch gc-legend-frequency" /> GC/s
        </span>
        <span className="legend-item">
          <span className="legend-swatch gc-legend-allocation" /> allocation MB/s
        </span>
        <span className="legend-item">
          <span className="legend-swatch gc-legend-cpu" /> CPU cores
        </span>
        <span className="legend-item gc-legend-hint">Drag across the chart to select that window for every view.</span>
      </div>
    </div>
  );
}

function palette(canvas: HTMLCanvasElement, prefersDark: boolean): GcChartPalette {
  const style = getComputedStyle(canvas);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    kinds: KIND_COLOURS,
    heap: read('--chart-line', prefersDark ? '#60a5fa' : '#2563eb'),
    frequency: prefersDark ? '#f472b6' : '#be185d',
    allocation: prefersDark ? '#4ade80' : '#15803d',
    cpu: prefersDark ? '#94a3b8' : '#64748b',
    marker: prefersDark ? '#fbbf24' : '#b45309',
    focus: prefersDark ? '#f87171' : '#dc2626',
    grid: read('--chart-grid', prefersDark ? '#343a41' : '#e5e7eb'),
    text: read('--chart-text', prefersDark ? '#9aa4ae' : '#656d76'),
  };
}
