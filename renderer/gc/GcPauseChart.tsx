/**
 * GC pauses over time on a canvas: a bar per event on the left axis, the heap each
 * collection left (GcEvent.heapAfterBytes: Go's live heap) as a line on the right axis. The layout is
 * pure (gc/pauseChartLayout); this sizes the canvas for the device's pixel
 * ratio and repaints when the width, ratio or theme changes.
 */
import { useLayoutEffect, useMemo, useRef } from 'react';
import type { GcEvent } from '../../shared/gc/model';
import { drawPauseChart, readChartPalette } from './drawPauseChart';
import { layoutPauseChart } from './pauseChartLayout';
import { prepareCanvas } from '../charts/canvasTarget';
import { useDevicePixelRatio } from '../charts/useDevicePixelRatio';
import { useElementWidth } from '../app/useElementWidth';
import { usePrefersDark } from '../app/usePrefersDark';

const CHART_HEIGHT_PX = 220;

export function GcPauseChart({ events }: { events: GcEvent[] }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(containerRef);
  const devicePixelRatio = useDevicePixelRatio();
  const prefersDark = usePrefersDark();
  const layout = useMemo(() => layoutPauseChart(events, width, CHART_HEIGHT_PX), [events, width]);
  const hasHeap = layout.heapLine.length > 0;

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const target = prepareCanvas(canvas, width, CHART_HEIGHT_PX, devicePixelRatio);
    if (!canvas || !target) return;
    drawPauseChart(target, layout, readChartPalette(canvas, prefersDark));
    canvas.dataset.ready = 'true';
  }, [layout, width, devicePixelRatio, prefersDark]);

  return (
    <section className="gc-chart" aria-label="GC pauses over time">
      <h3>Pauses over time</h3>
      <div className="chart-legend">
        <span className="legend-item">
          <span className="legend-swatch legend-bar" /> Pause (left axis)
        </span>
        {hasHeap && (
          <span className="legend-item">
            <span className="legend-swatch legend-line" /> Heap left by each GC (right axis)
          </span>
        )}
      </div>
      {/* The frame, not the canvas, has the border: the canvas must be exactly the measured width. */}
      <div className="gc-chart-frame" ref={containerRef}>
        <canvas
          ref={canvasRef}
          data-testid="gc-pause-chart"
          data-event-count={events.length}
          data-bar-count={layout.bars.length}
          data-heap-points={layout.heapLine.length}
          className="gc-chart-canvas"
          style={{ height: `${CHART_HEIGHT_PX}px` }}
          role="img"
          aria-label={`GC pauses over time: ${events.length} events${hasHeap ? ', with the heap each collection left' : ''}`}
        />
      </div>
    </section>
  );
}
