/**
 * The timeline on the home screen: every capture of the catalogue on one wall-clock axis, a group of lanes per
 * service and a lane per kind, each capture a bar over its duration (a tick without one). Hover shows a capture's
 * numbers, a click opens it as its catalogue row does, ctrl/cmd-click adds it to (or takes it from) the selected
 * captures. A drag over a lane brushes a window of its service (brush.ts); Esc closes it. Wheel or + / − zoom,
 * shift+drag, a drag on the axis, a sideways wheel or ← / → pan, 0 or "Fit all"
 * shows everything. The model is pure (timelineModel.ts); this keeps the visible range and paints.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { ITEM_KINDS, type ItemKind, type ItemSummary } from '../../shared/ipc/contract';
import { kindLabel } from '../app/itemKinds';
import { hasCommandModifier, isTypingTarget } from '../app/keyTargets';
import { openItem } from '../app/openItem';
import { useElementWidth } from '../app/useElementWidth';
import { usePrefersDark } from '../app/usePrefersDark';
import { useCatalogueStore } from '../catalogue/catalogueStore';
import { prepareCanvas } from '../charts/canvasTarget';
import { useDevicePixelRatio } from '../charts/useDevicePixelRatio';
import { AXIS_HEIGHT_PX, drawAxis, drawLanes, LANE_HEIGHT_PX, type TimelinePalette } from './drawTimeline';
import { barAt, buildTimeline, type TimelineBarRef, type TimelineInput, type TimelineModel } from './timelineModel';
import { fitRange, PAN_STEP, panRange, timeAtX, ZOOM_STEP, zoomRange, type TimeRange } from './timeRange';
import { TimelineTooltip } from './TimelineTooltip';
import { BaselineOverlay, BrushOverlay } from './BrushOverlay';
import { BRUSH_THRESHOLD_PX, brushSelection, brushWindow, serviceWindowOf } from './brush';
import { pickItem } from './pickItem';
import { closeWindow, openWindow } from '../app/windowActions';
import { useViewStore } from '../app/viewStore';
import type { TimeWindow } from '../../shared/capture/selection';
import { ImportAnnotations } from './ImportAnnotations';
import { MarkerLines, MarkerStrips } from './TimelineMarkers';
import { TimeRangePicker } from './TimeRangePicker';
import { useTimelineMarkers, type TimelineMarkers } from './useTimelineMarkers';
import { captureHit, gcHit, type LaneSeries, type SeriesHit } from './seriesModel';
import { useTimelineSeries } from './useTimelineSeries';
import './Timeline.css';

/** Pixels either side of a bar that still count as on it: a tick is two pixels wide. */
const HIT_SLOP_PX = 3;
/** Movement that turns a press into a drag (a pan) rather than a click. */
const DRAG_THRESHOLD_PX = 3;
/** Wheel delta of one notch, as Chromium reports it in pixels. */
const WHEEL_NOTCH = 100;

interface Hover extends TimelineBarRef {
  /** The hovered bar's capture. */
  itemId: number;
  /** The lane's series value under the pointer (seriesModel.ts), shown in the tooltip. */
  series: SeriesHit | null;
  clientX: number;
  clientY: number;
}

const NO_CAPTURES: TimelineInput = { services: [] };

/** Shown once anything is imported; nothing before. */
export function Timeline() {
  const profiles = useCatalogueStore((s) => s.profiles);
  // Asked for from the page's start, beside the catalogue, not once its captures have been rendered.
  const markers = useTimelineMarkers();
  const series = useTimelineSeries();
  // The lanes come from getTimeline's captures alone, as the markers and the series over them do (all three are
  // fetched again whenever the catalogue changes): a fifth of the catalogue's answer, in sooner.
  const captures = markers.captures ?? NO_CAPTURES;
  const model = useMemo(() => buildTimeline(captures), [captures]);
  // The tooltip, a click and a ctrl/cmd-click need the catalogue's row of a capture (its name, totals, sample type).
  const rowById = useMemo(() => new Map(profiles.map((item) => [item.id, item])), [profiles]);
  if (model.placedCount + model.unplacedCount === 0) return null;
  return <TimelineView model={model} rowById={rowById} markers={markers} series={series} />;
}

function TimelineView({
  model,
  rowById,
  markers,
  series,
}: {
  model: TimelineModel;
  rowById: ReadonlyMap<number, ItemSummary>;
  markers: TimelineMarkers;
  series: ReadonlyMap<string, LaneSeries>;
}) {
  const plotRef = useRef<HTMLDivElement>(null);
  const axisRef = useRef<HTMLCanvasElement>(null);
  const lanesRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(plotRef);
  const devicePixelRatio = useDevicePixelRatio();
  const prefersDark = usePrefersDark();
  const [hover, setHover] = useState<Hover | null>(null);
  // A press on the lanes brushes a window (shift: pans); on the axis strip it pans.
  const drag = useRef<{
    x: number;
    range: TimeRange;
    moved: boolean;
    mode: 'pan' | 'brush';
    laneIndex: number;
    plotLeft: number;
  } | null>(null);
  const [brushing, setBrushing] = useState<{ laneIndex: number; window: TimeWindow } | null>(null);
  const selectedWindow = serviceWindowOf(useViewStore((s) => s.selection));
  const baselineWindow = serviceWindowOf(useViewStore((s) => s.base));

  // The range the user zoomed or panned to belongs to the captures it was chosen over: new captures (an import)
  // refit the axis, so what was just imported is in view.
  const extentKey = model.extent ? `${model.extent.fromMs}/${model.extent.toMs}` : '';
  const [chosen, setChosen] = useState<{ extentKey: string; range: TimeRange } | null>(null);
  const range: TimeRange | null =
    chosen?.extentKey === extentKey ? chosen.range : model.extent ? fitRange(model.extent) : null;
  const setRange = (next: TimeRange): void => setChosen({ extentKey, range: next });

  const lanesHeight = model.lanes.length * LANE_HEIGHT_PX;
  // The canvas repaints when the hovered bar changes, not on every pointer move over the same bar (the tooltip
  // follows the pointer on its own).
  const hoveredLane = hover?.laneIndex;
  const hoveredBar = hover?.index;
  const hovered = useMemo(
    () =>
      hoveredLane === undefined || hoveredBar === undefined ? null : { laneIndex: hoveredLane, index: hoveredBar },
    [hoveredLane, hoveredBar],
  );
  useLayoutEffect(() => {
    const axis = axisRef.current;
    const lanes = lanesRef.current;
    if (!axis || !lanes || range === null) return;
    const palette = readPalette(lanes);
    const axisTarget = prepareCanvas(axis, width, AXIS_HEIGHT_PX, devicePixelRatio);
    const lanesTarget = prepareCanvas(lanes, width, Math.max(1, lanesHeight), devicePixelRatio);
    if (!axisTarget || !lanesTarget) return;
    drawAxis(axisTarget, range, palette);
    const drawn = drawLanes(lanesTarget, model.lanes, range, palette, hovered, series);
    lanes.dataset.seriesLanes = String(model.lanes.filter((lane) => series.has(lane.key)).length);
    lanes.dataset.drawnBars = String(drawn.bars);
    lanes.dataset.drawnRects = String(drawn.rects);
    lanes.dataset.theme = prefersDark ? 'dark' : 'light';
    lanes.dataset.ready = 'true';
  }, [model, range, width, lanesHeight, devicePixelRatio, prefersDark, hovered, series]);

  // The wheel must be able to cancel the page's scroll, which React's passive wheel listener cannot. Attached once:
  // it reads the range from a ref, so a zoom does not take the listener off and put it back.
  const wheelState = useRef({ range, extentKey });
  useLayoutEffect(() => {
    wheelState.current = { range, extentKey };
  });
  useEffect(() => {
    const element = plotRef.current?.closest<HTMLElement>('.timeline-plots');
    const plot = plotRef.current;
    if (!element || !plot) return;
    const onWheel = (event: WheelEvent): void => {
      const { range: current, extentKey: key } = wheelState.current;
      if (current === null) return;
      event.preventDefault();
      const plotWidth = Math.max(1, plot.clientWidth);
      const span = current.toMs - current.fromMs;
      // Shift turns the wheel sideways; a trackpad's sideways swipe pans too.
      const sideways = event.shiftKey ? event.deltaY : event.deltaX;
      const upright = event.shiftKey ? 0 : event.deltaY;
      const next =
        Math.abs(sideways) > Math.abs(upright)
          ? panRange(current, (sideways / plotWidth) * span)
          : zoomRange(
              current,
              ZOOM_STEP ** (-upright / WHEEL_NOTCH),
              timeAtX(current, plotWidth, event.clientX - plot.getBoundingClientRect().left),
            );
      // Two notches before a render read the range the first one set.
      wheelState.current = { range: next, extentKey: key };
      setChosen({ extentKey: key, range: next });
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);

  const fitAll = (): void => {
    if (model.extent) setRange(fitRange(model.extent));
  };
  const zoomAtCentre = (factor: number): void => {
    if (range !== null) setRange(zoomRange(range, factor, (range.fromMs + range.toMs) / 2));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (isTypingTarget(event.target) || hasCommandModifier(event) || range === null) return;
    const span = range.toMs - range.fromMs;
    const actions: Record<string, () => void> = {
      '+': () => zoomAtCentre(ZOOM_STEP),
      '=': () => zoomAtCentre(ZOOM_STEP),
      '-': () => zoomAtCentre(1 / ZOOM_STEP),
      _: () => zoomAtCentre(1 / ZOOM_STEP),
      ArrowLeft: () => setRange(panRange(range, -PAN_STEP * span)),
      ArrowRight: () => setRange(panRange(range, PAN_STEP * span)),
      '0': fitAll,
      Escape: closeWindow,
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  /** The bar under a pointer on the lanes canvas, with its lane. */
  const hitTest = (clientX: number, clientY: number): Omit<Hover, 'clientX' | 'clientY'> | null => {
    const canvas = lanesRef.current;
    if (!canvas || range === null || width <= 0) return null;
    const bounds = canvas.getBoundingClientRect();
    const laneIndex = Math.floor((clientY - bounds.top) / LANE_HEIGHT_PX);
    const lane = model.lanes[laneIndex];
    if (!lane) return null;
    const msPerPx = (range.toMs - range.fromMs) / width;
    const ms = timeAtX(range, width, clientX - bounds.left);
    const index = barAt(lane, ms, HIT_SLOP_PX * msPerPx);
    if (index < 0) return null;
    const itemId = lane.ids[index] as number;
    const laneSeries = series.get(lane.key);
    const seriesHit = captureHit(laneSeries, itemId) ?? gcHit(laneSeries, ms, HIT_SLOP_PX * msPerPx);
    return { laneIndex, index, itemId, series: seriesHit };
  };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>): void => {
    if (event.button !== 0 || range === null) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const bounds = event.currentTarget.getBoundingClientRect();
    drag.current = {
      x: event.clientX,
      range,
      moved: false,
      mode: event.shiftKey || event.currentTarget === axisRef.current ? 'pan' : 'brush',
      laneIndex: Math.floor((event.clientY - bounds.top) / LANE_HEIGHT_PX),
      plotLeft: bounds.left,
    };
  };
  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>): void => {
    const pressed = drag.current;
    if (pressed) {
      const dx = event.clientX - pressed.x;
      const threshold = pressed.mode === 'pan' ? DRAG_THRESHOLD_PX : BRUSH_THRESHOLD_PX;
      if (!pressed.moved && Math.abs(dx) < threshold) return;
      pressed.moved = true;
      setHover(null);
      if (pressed.mode === 'brush') {
        const window = brushWindow(
          pressed.range,
          width,
          pressed.x - pressed.plotLeft,
          event.clientX - pressed.plotLeft,
        );
        setBrushing(window ? { laneIndex: pressed.laneIndex, window } : null);
        return;
      }
      const span = pressed.range.toMs - pressed.range.fromMs;
      setRange(panRange(pressed.range, (-dx / Math.max(1, width)) * span));
      return;
    }
    if (event.currentTarget === axisRef.current) return;
    const hit = hitTest(event.clientX, event.clientY);
    const still =
      hit &&
      hover?.laneIndex === hit.laneIndex &&
      hover.index === hit.index &&
      hover.clientX === event.clientX &&
      hover.clientY === event.clientY;
    if (still) return;
    setHover(hit ? { ...hit, clientX: event.clientX, clientY: event.clientY } : null);
  };
  const onPointerUp = (event: PointerEvent<HTMLCanvasElement>): void => {
    const pressed = drag.current;
    drag.current = null;
    setBrushing(null);
    if (!pressed || event.currentTarget === axisRef.current) return;
    if (pressed.moved) {
      const lane = model.lanes[pressed.laneIndex];
      const window = brushWindow(pressed.range, width, pressed.x - pressed.plotLeft, event.clientX - pressed.plotLeft);
      const selection = pressed.mode === 'brush' && lane && window ? brushSelection(lane, window) : null;
      // Alt (option) brushes the comparison's baseline A; a plain brush opens the window (B when there is an A).
      if (selection !== null && 'service' in selection) {
        if (event.altKey) useViewStore.getState().setBase(selection);
        else openWindow(selection);
      }
      return;
    }
    const hit = hitTest(event.clientX, event.clientY);
    const row = hit ? rowById.get(hit.itemId) : undefined;
    if (row && (event.ctrlKey || event.metaKey)) pickItem(row);
    else if (row) openItem(row);
  };
  const hoverRow = hover ? rowById.get(hover.itemId) : undefined;
  const brushLane = brushing ? model.lanes[brushing.laneIndex] : undefined;
  const brush =
    brushing && brushLane?.service != null
      ? { service: brushLane.service, window: brushing.window, live: true }
      : selectedWindow
        ? { service: selectedWindow.service, window: selectedWindow.window, live: false }
        : null;

  return (
    <section
      className="timeline"
      aria-label="Timeline"
      data-testid="timeline"
      data-placed={model.placedCount}
      data-unplaced={model.unplacedCount}
      data-lane-count={model.lanes.length}
      data-from-ms={range?.fromMs}
      data-to-ms={range?.toMs}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="timeline-toolbar">
        <h2>Timeline</h2>
        <span className="timeline-count">
          {model.placedCount} {model.placedCount === 1 ? 'capture' : 'captures'}
        </span>
        {model.unplacedCount > 0 && (
          <span className="timeline-note" data-testid="timeline-unplaced">
            {model.unplacedCount} without a start time {model.unplacedCount === 1 ? 'is' : 'are'} not on the axis
          </span>
        )}
        <span className="toolbar-spacer" />
        <span className="timeline-hint">
          Drag to select a window (alt+drag: baseline A to compare with), wheel or + − to zoom, shift+drag or ← → to pan
        </span>
        <button type="button" title="Zoom out (−)" aria-label="Zoom out" onClick={() => zoomAtCentre(1 / ZOOM_STEP)}>
          −
        </button>
        <button type="button" title="Zoom in (+)" aria-label="Zoom in" onClick={() => zoomAtCentre(ZOOM_STEP)}>
          +
        </button>
        <button type="button" title="Show every capture (0)" data-testid="timeline-fit" onClick={fitAll}>
          Fit all
        </button>
      </div>
      <div className="timeline-toolbar timeline-range-bar">
        {range !== null && model.extent && (
          <TimeRangePicker range={range} latestMs={model.extent.toMs} onRange={setRange} />
        )}
        <span className="toolbar-spacer" />
        <ImportAnnotations services={markers.services} onImported={markers.refetch} />
      </div>
      {/* Rendered even with no lane yet: the plot's width is measured from its first render. */}
      <div className="timeline-plots">
        <div className="timeline-row timeline-axis-row">
          <div className="timeline-gutter" />
          <canvas
            ref={axisRef}
            className="timeline-axis"
            style={{ height: AXIS_HEIGHT_PX, cursor: 'grab' }}
            aria-hidden="true"
            data-testid="timeline-axis"
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={() => (drag.current = null)}
          />
        </div>
        {range !== null && (
          <MarkerStrips
            lanes={model.lanes}
            markers={markers}
            range={range}
            width={width}
            onRange={setRange}
            brush={brush}
          />
        )}
        <div className="timeline-body">
          <div className="timeline-row">
            <ol className="timeline-gutter timeline-labels">
              {model.lanes.map((lane, index) => {
                const firstOfService = index === 0 || model.lanes[index - 1]?.service !== lane.service;
                return (
                  <li
                    key={lane.key}
                    data-testid="timeline-lane"
                    data-service={lane.service ?? ''}
                    data-kind={lane.kind}
                    data-bar-count={lane.ids.length}
                    className={firstOfService ? 'timeline-lane first-of-service' : 'timeline-lane'}
                    style={{ height: LANE_HEIGHT_PX }}
                    title={`${lane.service ?? 'no service named'} · ${kindLabel(lane.kind)}`}
                  >
                    <span className="timeline-lane-service">
                      {firstOfService ? (lane.service ?? 'no service named') : ''}
                    </span>
                    <span className="timeline-lane-kind">
                      <span className={`timeline-swatch kind-${lane.kind}`} />
                      {kindLabel(lane.kind)}
                    </span>
                  </li>
                );
              })}
            </ol>
            <div className="timeline-plot" ref={plotRef}>
              <canvas
                ref={lanesRef}
                data-testid="timeline-canvas"
                data-ready="false"
                className="timeline-canvas"
                style={{ height: lanesHeight, cursor: hover ? 'pointer' : 'crosshair' }}
                role="img"
                aria-label={`${model.placedCount} captures in ${model.lanes.length} lanes`}
                onPointerDown={onPointerDown}
                onPointerMove={onPointerMove}
                onPointerUp={onPointerUp}
                onPointerCancel={() => {
                  drag.current = null;
                  setBrushing(null);
                }}
                onPointerLeave={() => setHover(null)}
              />
              {range !== null && <MarkerLines lanes={model.lanes} markers={markers} range={range} width={width} />}
              {range !== null && (
                <BaselineOverlay lanes={model.lanes} range={range} widthPx={width} baseline={baselineWindow} />
              )}
              {range !== null && <BrushOverlay lanes={model.lanes} range={range} widthPx={width} brush={brush} />}
            </div>
          </div>
        </div>
      </div>
      {hoverRow && hover && (
        <TimelineTooltip item={hoverRow} series={hover.series} clientX={hover.clientX} clientY={hover.clientY} />
      )}
    </section>
  );
}

/** Lane colours per kind and the chart's greys come from CSS custom properties: the stylesheet owns the theme. */
function readPalette(canvas: HTMLCanvasElement): TimelinePalette {
  const style = getComputedStyle(canvas);
  const read = (name: string): string => style.getPropertyValue(name).trim() || '#888888';
  const kinds = Object.fromEntries(ITEM_KINDS.map((kind) => [kind, read(`--timeline-${kind}`)])) as Record<
    ItemKind,
    string
  >;
  return {
    kinds,
    grid: read('--chart-grid'),
    text: read('--chart-text'),
    laneStripe: read('--timeline-stripe'),
    hover: read('--text'),
  };
}
