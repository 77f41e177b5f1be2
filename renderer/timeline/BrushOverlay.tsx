/**
 * The brushed window drawn over the lanes of its service (and, through BrushShade, its marker strip): the window
 * shaded with its two edges, the rest of the service's lanes dimmed. DOM boxes over the canvas (pointer-events: none), so the lanes' painting stays as it is and
 * the shading follows every zoom and pan through the same range arithmetic as the bars.
 */
import type { TimeWindow } from '../../shared/capture/selection';
import { LANE_HEIGHT_PX } from './drawTimeline';
import { brushPixels, serviceLaneSpan } from './brush';
import type { TimelineLane } from './timelineModel';
import type { TimeRange } from './timeRange';
import './Brush.css';

export interface BrushOverlayProps {
  lanes: readonly TimelineLane[];
  range: TimeRange;
  widthPx: number;
  /** The window and the service whose lanes it covers; null draws nothing. */
  brush: { service: string; window: TimeWindow; live: boolean } | null;
}

export function BrushOverlay({ lanes, range, widthPx, brush }: BrushOverlayProps) {
  if (brush === null || widthPx <= 0) return null;
  const span = serviceLaneSpan(lanes, brush.service);
  if (span === null) return null;
  const top = span.first * LANE_HEIGHT_PX;
  const height = (span.last - span.first + 1) * LANE_HEIGHT_PX;
  return <BrushShade testId="timeline-brush" range={range} widthPx={widthPx} brush={brush} style={{ top, height }} />;
}

/** One box of shading: the window with its edges, dimmed either side; placed by `style` in its positioned parent. */
export function BrushShade({
  testId,
  range,
  widthPx,
  brush,
  style,
}: {
  testId: string;
  range: TimeRange;
  widthPx: number;
  brush: NonNullable<BrushOverlayProps['brush']>;
  style: { top: number; height: number };
}) {
  if (widthPx <= 0) return null;
  const pixels = brushPixels(range, widthPx, brush.window);
  const left = pixels?.left ?? widthPx;
  const right = pixels ? pixels.left + pixels.width : widthPx;
  return (
    <div
      className="timeline-brush-layer"
      data-testid={testId}
      data-service={brush.service}
      data-start-ms={brush.window.startMs}
      data-end-ms={brush.window.endMs}
      data-live={brush.live}
      style={style}
      aria-hidden="true"
    >
      <div className="timeline-brush-dim" style={{ left: 0, width: left }} />
      {pixels && <div className="timeline-brush-window" style={{ left: pixels.left, width: pixels.width }} />}
      <div className="timeline-brush-dim" style={{ left: right, width: Math.max(0, widthPx - right) }} />
    </div>
  );
}

/** The comparison's baseline A over its service's lanes: an outlined box marked "A", nothing dimmed. */
export function BaselineOverlay({
  lanes,
  range,
  widthPx,
  baseline,
}: Omit<BrushOverlayProps, 'brush'> & { baseline: { service: string; window: TimeWindow } | null }) {
  if (baseline === null || widthPx <= 0) return null;
  const span = serviceLaneSpan(lanes, baseline.service);
  const pixels = brushPixels(range, widthPx, baseline.window);
  if (span === null || pixels === null) return null;
  return (
    <div
      className="timeline-baseline"
      data-testid="timeline-baseline"
      data-service={baseline.service}
      data-start-ms={baseline.window.startMs}
      data-end-ms={baseline.window.endMs}
      aria-hidden="true"
      style={{
        top: span.first * LANE_HEIGHT_PX,
        height: (span.last - span.first + 1) * LANE_HEIGHT_PX,
        left: pixels.left,
        width: pixels.width,
      }}
    >
      <span className="timeline-baseline-label">A</span>
    </div>
  );
}
