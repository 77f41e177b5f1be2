/**
 * Markers on the timeline: a strip per service under the axis with a flag per marker (merged into a count where
 * they crowd, markerLayout.ts), and a vertical line per flag through that service's lanes. Hover a flag for its
 * time, label and source; click an empty spot of a strip to add an annotation there; click an annotation's flag to
 * edit or delete it; click a merged flag to zoom in on it; right-click a flag to compare the period before it with
 * the one after (markerCompare.ts). Everything re-fetches the markers after a change.
 */
import { useState, type MouseEvent } from 'react';
import { NO_SERVICE, type TimelineMarkerView } from '../../shared/ipc/contract';
import { formatLocalDateTime } from '../app/formatDate';
import { useBackend } from '../backend/BackendContext';
import { BrushShade, type BrushOverlayProps } from './BrushOverlay';
import { LANE_HEIGHT_PX } from './drawTimeline';
import { isEditable, layoutFlags, sourceText, type MarkerFlag } from './markerLayout';
import { MarkerForm, type MarkerFormTarget } from './MarkerForm';
import { beforeAfterMarker } from './markerCompare';
import { useViewStore } from '../app/viewStore';
import { openWindow } from '../app/windowActions';
import type { TimelineLane } from './timelineModel';
import { timeAtX, zoomRange, type TimeRange } from './timeRange';
import type { TimelineMarkers } from './useTimelineMarkers';
import './TimelineMarkers.css';

/** Height of a service's marker strip in CSS px. */
export const STRIP_HEIGHT_PX = 16;
/** A merged flag's click zooms in by this factor about it, so its markers spread out. */
const MERGED_ZOOM = 4;
/** A tooltip lists at most this many of a merged flag's markers. */
const TOOLTIP_MARKERS = 6;
const TOOLTIP_WIDTH_PX = 360;

const serviceKey = (service: string | null): string => service ?? NO_SERVICE;

/** The services with a strip: those with lanes, in lane order, then annotated services without captures. */
export function stripServices(lanes: readonly TimelineLane[], markers: TimelineMarkers): string[] {
  const names: string[] = [];
  for (const lane of lanes) if (!names.includes(serviceKey(lane.service))) names.push(serviceKey(lane.service));
  for (const name of markers.services) if (!names.includes(name)) names.push(name);
  return names;
}

interface StripsProps {
  lanes: readonly TimelineLane[];
  markers: TimelineMarkers;
  range: TimeRange;
  width: number;
  onRange(range: TimeRange): void;
  /** The brushed window: its service's strip is shaded as its lanes are (BrushOverlay). */
  brush?: BrushOverlayProps['brush'];
}

export function MarkerStrips({ lanes, markers, range, width, onRange, brush = null }: StripsProps) {
  const backend = useBackend();
  const [form, setForm] = useState<MarkerFormTarget | null>(null);
  const [hover, setHover] = useState<{ flag: MarkerFlag; clientX: number; clientY: number } | null>(null);
  const [menu, setMenu] = useState<{ service: string; atMs: number; clientX: number; clientY: number } | null>(null);
  const services = stripServices(lanes, markers);
  const menuSides =
    menu === null ? null : beforeAfterMarker(menu.service, menu, markers.byService.get(menu.service) ?? [], lanes);

  const onStripClick = (service: string, event: MouseEvent<HTMLDivElement>): void => {
    if (event.target !== event.currentTarget || service === NO_SERVICE) return;
    const x = event.clientX - event.currentTarget.getBoundingClientRect().left;
    setForm({ service, atMs: Math.round(timeAtX(range, width, x)), clientX: event.clientX, clientY: event.clientY });
  };
  const onFlagClick = (service: string, flag: MarkerFlag, event: MouseEvent<HTMLButtonElement>): void => {
    event.stopPropagation();
    const [first] = flag.markers;
    if (!first) return;
    if (flag.markers.length > 1) {
      onRange(zoomRange(range, MERGED_ZOOM, first.atMs));
      return;
    }
    if (isEditable(first) && first.annotationId !== undefined) {
      setHover(null);
      setForm({
        service,
        atMs: first.atMs,
        clientX: event.clientX,
        clientY: event.clientY,
        edit: { id: first.annotationId, label: first.label },
      });
    }
  };

  const editId = form?.edit?.id;
  return (
    <div className="marker-strips">
      {services.map((service) => {
        const flags = layoutFlags(markers.byService.get(service) ?? [], range, width);
        return (
          <div key={service} className="timeline-row marker-strip-row" data-testid="marker-strip-row">
            <div className="marker-strip-name" title={`Markers of ${service}`}>
              {service} <span className="marker-strip-hint">markers</span>
            </div>
            <div
              className={service === NO_SERVICE ? 'marker-strip' : 'marker-strip addable'}
              data-testid="marker-strip"
              data-service={service}
              data-flag-count={flags.length}
              data-marker-count={flags.reduce((n, f) => n + f.markers.length, 0)}
              style={{ height: STRIP_HEIGHT_PX }}
              title={service === NO_SERVICE ? undefined : 'Click to add an annotation here'}
              onClick={(event) => onStripClick(service, event)}
            >
              {brush !== null && brush.service === service && (
                <BrushShade
                  testId="marker-strip-brush"
                  range={range}
                  widthPx={width}
                  brush={brush}
                  style={{ top: 0, height: STRIP_HEIGHT_PX }}
                />
              )}
              {flags.map((flag) => {
                const first = flag.markers[0] as TimelineMarkerView;
                const merged = flag.markers.length > 1;
                return (
                  <button
                    key={`${first.atMs}-${first.source}-${first.annotationId ?? first.label}`}
                    type="button"
                    className={`marker-flag source-${merged ? 'merged' : first.source}`}
                    data-testid="marker-flag"
                    data-source={merged ? 'merged' : first.source}
                    data-at-ms={first.atMs}
                    data-count={flag.markers.length}
                    data-annotation-id={first.annotationId}
                    aria-label={merged ? `${flag.markers.length} markers` : `${first.label} · ${sourceText(first)}`}
                    style={{ left: flag.x }}
                    onClick={(event) => onFlagClick(service, flag, event)}
                    onContextMenu={(event) => {
                      event.preventDefault();
                      setHover(null);
                      setMenu({ service, atMs: first.atMs, clientX: event.clientX, clientY: event.clientY });
                    }}
                    onMouseEnter={(event) => setHover({ flag, clientX: event.clientX, clientY: event.clientY })}
                    onMouseLeave={() => setHover(null)}
                  >
                    {merged ? flag.markers.length : ''}
                  </button>
                );
              })}
            </div>
          </div>
        );
      })}
      {markers.error !== null && (
        <div className="marker-error" role="alert">
          Markers: {markers.error}
        </div>
      )}
      {hover && <MarkerTooltip {...hover} />}
      {menu && (
        <div
          className="floating-tooltip timeline-tooltip marker-menu"
          data-testid="marker-menu"
          role="menu"
          style={{ left: menu.clientX + 4, top: menu.clientY + 4 }}
          onMouseLeave={() => setMenu(null)}
        >
          <button
            type="button"
            role="menuitem"
            data-testid="marker-compare"
            disabled={menuSides === null}
            title={menuSides === null ? 'No capture on one side of this marker' : undefined}
            onClick={() => {
              if (menuSides !== null) {
                useViewStore.getState().setBase(menuSides.base);
                openWindow(menuSides.target);
              }
              setMenu(null);
            }}
          >
            Compare before / after this marker
          </button>
          <button type="button" role="menuitem" onClick={() => setMenu(null)}>
            Cancel
          </button>
        </div>
      )}
      {form && (
        <MarkerForm
          key={`${form.service}-${form.atMs}-${editId ?? 'new'}`}
          target={form}
          onClose={() => setForm(null)}
          onSave={async ({ atMs, label }) => {
            if (editId !== undefined) await backend.updateAnnotation({ id: editId, atMs, label });
            else await backend.addAnnotation({ service: form.service, atMs, label });
            await markers.refetch();
          }}
          onDelete={
            editId === undefined
              ? undefined
              : async () => {
                  await backend.deleteAnnotation({ id: editId });
                  await markers.refetch();
                }
          }
        />
      )}
    </div>
  );
}

function MarkerTooltip({ flag, clientX, clientY }: { flag: MarkerFlag; clientX: number; clientY: number }) {
  const shown = flag.markers.slice(0, TOOLTIP_MARKERS);
  const rest = flag.markers.length - shown.length;
  return (
    <div
      className="floating-tooltip timeline-tooltip marker-tooltip"
      data-testid="marker-tooltip"
      role="tooltip"
      style={{
        left: Math.max(
          0,
          clientX + 14 + TOOLTIP_WIDTH_PX > window.innerWidth ? clientX - 14 - TOOLTIP_WIDTH_PX : clientX + 14,
        ),
        top: clientY + 14,
        maxWidth: TOOLTIP_WIDTH_PX,
      }}
    >
      {shown.map((marker, index) => (
        <div key={index} className="marker-tooltip-row">
          <span className={`marker-swatch source-${marker.source}`} />
          <span className="marker-tooltip-time">{formatLocalDateTime(marker.atMs, true)}</span>{' '}
          <span data-testid="marker-tooltip-text">
            {marker.label} · {sourceText(marker)}
          </span>
        </div>
      ))}
      {rest > 0 && <div className="marker-tooltip-more">and {rest} more: click to zoom in</div>}
      {flag.markers.length === 1 && flag.markers[0] && isEditable(flag.markers[0]) && (
        <div className="marker-tooltip-more">Click to edit or delete</div>
      )}
      <div className="marker-tooltip-more">Right-click to compare before and after</div>
    </div>
  );
}

interface LinesProps {
  lanes: readonly TimelineLane[];
  markers: TimelineMarkers;
  range: TimeRange;
  width: number;
}

/** A line per flag through its service's lanes, over the lanes canvas; the pointer passes through to the bars. */
export function MarkerLines({ lanes, markers, range, width }: LinesProps) {
  const groups: { service: string; first: number; count: number }[] = [];
  lanes.forEach((lane, index) => {
    const last = groups[groups.length - 1];
    if (last && last.service === serviceKey(lane.service)) last.count++;
    else groups.push({ service: serviceKey(lane.service), first: index, count: 1 });
  });
  return (
    <div className="marker-lines" aria-hidden="true">
      {groups.flatMap(({ service, first, count }) =>
        layoutFlags(markers.byService.get(service) ?? [], range, width).map((flag) => {
          const marker = flag.markers[0] as TimelineMarkerView;
          return (
            <div
              key={`${service}-${marker.atMs}-${marker.source}-${marker.annotationId ?? marker.label}`}
              className={`marker-line source-${flag.markers.length > 1 ? 'merged' : marker.source}`}
              data-testid="marker-line"
              style={{ left: flag.x, top: first * LANE_HEIGHT_PX, height: count * LANE_HEIGHT_PX }}
            />
          );
        }),
      )}
    </div>
  );
}
