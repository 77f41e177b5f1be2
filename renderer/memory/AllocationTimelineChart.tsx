/**
 * The allocation timeline: heap in use per capture (or a recording's allocation per window, memoryText.ts
 * timelineWords) as a stacked area of the top functions and "other" on the wall clock, the allocation rate on a
 * second axis; hovering names the capture and every band's value
 * and share of the capture's heap in use; clicking a band selects its function. The layout is pure (stackedArea.ts).
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { AllocationTimeline } from '../../shared/ipc/memory-contract';
import { useElementWidth } from '../app/useElementWidth';
import { usePrefersDark } from '../app/usePrefersDark';
import { formatLocalDateTime } from '../app/formatDate';
import { prepareCanvas } from '../charts/canvasTarget';
import { useDevicePixelRatio } from '../charts/useDevicePixelRatio';
import { readChartPalette } from '../gc/drawPauseChart';
import { bandColor } from './bandColors';
import { drawStackedArea } from './drawStackedArea';
import { exactValue, rateText, shareOf, timelineWords } from './memoryText';
import { bandAt, layoutStackedArea, nearestCapture, OTHER_BAND } from './stackedArea';

const CHART_HEIGHT_PX = 260;
const TOOLTIP_OFFSET_PX = 14;
const TOOLTIP_WIDTH_PX = 520;

interface Hover {
  capture: number;
  band: number | null;
  clientX: number;
  clientY: number;
}

export function AllocationTimelineChart({
  timeline,
  selectedFunction,
  onSelect,
}: {
  timeline: AllocationTimeline;
  selectedFunction: string | null;
  onSelect(functionName: string): void;
}) {
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(containerRef);
  const devicePixelRatio = useDevicePixelRatio();
  const prefersDark = usePrefersDark();
  const [hover, setHover] = useState<Hover | null>(null);
  const layout = useMemo(() => layoutStackedArea(timeline, width, CHART_HEIGHT_PX), [timeline, width]);
  const selectedBand = layout.bands.findIndex((b) => b.name === selectedFunction && b.name !== OTHER_BAND);
  const unit = timeline.sampleType.unit;

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const target = prepareCanvas(canvas, width, CHART_HEIGHT_PX, devicePixelRatio);
    if (!canvas || !target) return;
    drawStackedArea(target, layout, readChartPalette(canvas, prefersDark), selectedBand);
    canvas.dataset.ready = 'true';
  }, [layout, width, devicePixelRatio, prefersDark, selectedBand]);

  const pointAt = (event: React.MouseEvent<HTMLCanvasElement>): { x: number; y: number } => {
    const bounds = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - bounds.left, y: event.clientY - bounds.top };
  };
  const hasRate = layout.rateSteps.length > 0;
  const words = timelineWords(timeline.sampleType);
  const title = words.title;
  const hovered = hover?.band == null ? null : layout.bands[hover.band];

  return (
    <section className="memory-chart" aria-label={title}>
      <h3>
        {title}{' '}
        <span className="memory-muted">
          ({timeline.sampleType.type}, top {timeline.bands.length} functions by their largest value, and other)
        </span>
      </h3>
      <ul className="memory-legend" data-testid="memory-legend">
        {layout.bands.map((band, b) => (
          <li key={band.name} className={b === selectedBand ? 'selected' : undefined}>
            <button
              type="button"
              className="memory-legend-item"
              data-testid="memory-legend-item"
              data-function={band.name}
              data-color={bandColor(b, layout.bands.length)}
              disabled={band.name === OTHER_BAND}
              onClick={() => onSelect(band.name)}
            >
              <span className="memory-swatch" style={{ background: bandColor(b, layout.bands.length) }} />
              {band.name}
            </button>
          </li>
        ))}
        {hasRate && (
          <li>
            <span className="memory-legend-item memory-legend-rate">
              <span className="memory-swatch memory-swatch-rate" /> {words.legendRate} (right axis)
            </span>
          </li>
        )}
      </ul>
      <div className="memory-chart-frame" ref={containerRef}>
        <canvas
          ref={canvasRef}
          data-testid="allocation-timeline"
          data-captures={timeline.captures.length}
          data-bands={layout.bands.length}
          data-plot={JSON.stringify(layout.plot)}
          data-xs={layout.xs.map((x) => x.toFixed(1)).join(',')}
          className="memory-chart-canvas"
          style={{
            height: `${CHART_HEIGHT_PX}px`,
            cursor: hovered && hovered.name !== OTHER_BAND ? 'pointer' : 'default',
          }}
          role="img"
          aria-label={`${title}: the top ${timeline.bands.length} functions and other over ${timeline.captures.length} ${timelineWords(
            timeline.sampleType,
          ).capture.toLowerCase()}s`}
          onMouseMove={(event) => {
            const { x, y } = pointAt(event);
            const capture = nearestCapture(layout, x);
            setHover(
              capture < 0
                ? null
                : { capture, band: bandAt(layout, x, y), clientX: event.clientX, clientY: event.clientY },
            );
          }}
          onMouseLeave={() => setHover(null)}
          onClick={(event) => {
            const { x, y } = pointAt(event);
            const band = bandAt(layout, x, y);
            const name = band === null ? null : layout.bands[band]?.name;
            if (name && name !== OTHER_BAND) onSelect(name);
          }}
        />
      </div>
      {hover !== null && <CaptureTooltip layout={layout} timeline={timeline} hover={hover} unit={unit} />}
    </section>
  );
}

function CaptureTooltip({
  layout,
  timeline,
  hover,
  unit,
}: {
  layout: ReturnType<typeof layoutStackedArea>;
  timeline: AllocationTimeline;
  hover: Hover;
  unit: string;
}) {
  const i = hover.capture;
  const capture = timeline.captures[i];
  const total = timeline.total[i] ?? 0;
  const words = timelineWords(timeline.sampleType);
  const rate = capture && timeline.allocationRate?.find((r) => words.rateFor(r, capture.atMs));
  const left =
    hover.clientX + TOOLTIP_OFFSET_PX + TOOLTIP_WIDTH_PX > window.innerWidth
      ? hover.clientX - TOOLTIP_OFFSET_PX - TOOLTIP_WIDTH_PX
      : hover.clientX + TOOLTIP_OFFSET_PX;
  // Top band first, as the stack reads.
  const rows = layout.bands.map((band, b) => ({ band, b })).reverse();
  return (
    <div
      className="floating-tooltip memory-tooltip"
      data-testid="memory-tooltip"
      data-capture={i}
      role="tooltip"
      style={{ left: Math.max(0, left), top: hover.clientY + TOOLTIP_OFFSET_PX, maxWidth: TOOLTIP_WIDTH_PX }}
    >
      <div className="memory-tooltip-title">
        {words.capture} {i + 1} of {timeline.captures.length}
        {capture && ` at ${formatLocalDateTime(capture.atMs, true)}`}
      </div>
      <div data-testid="memory-tooltip-total">
        {words.total}: {exactValue(total, unit)}
      </div>
      {rate && (
        <div>
          {words.rate}: {rateText(rate.bytesPerSecond, unit)}
        </div>
      )}
      <table>
        <thead>
          <tr>
            <th />
            <th>Function</th>
            <th className="num">{words.value}</th>
            <th className="num">{words.share}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ band, b }) => (
            <tr
              key={band.name}
              className={b === hover.band ? 'hovered' : undefined}
              data-testid="memory-tooltip-row"
              data-function={band.name}
              data-value={band.values[i] ?? 0}
            >
              <td>
                <span className="memory-swatch" style={{ background: bandColor(b, layout.bands.length) }} />
              </td>
              <td className="memory-tooltip-name">{band.name}</td>
              <td className="num">{exactValue(band.values[i] ?? 0, unit)}</td>
              <td className="num">{shareOf(band.values[i] ?? 0, total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
