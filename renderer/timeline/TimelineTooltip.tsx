/** The numbers of the capture under the pointer. Text nodes only: names and labels come from the files. */
import type { ItemSummary } from '../../shared/ipc/contract';
import { formatValue } from '../../shared/format/units';
import { formatLocalDateTime } from '../app/formatDate';
import { kindLabel } from '../app/itemKinds';
import { captureStartText, labelsText } from '../catalogue/captureText';
import { catalogueTotal } from '../catalogue/catalogueTotal';
import type { SeriesHit } from './seriesModel';

/** Pixels between the pointer and the tooltip, and the tooltip's widest. */
const OFFSET_PX = 14;
const WIDTH_PX = 340;

export function TimelineTooltip({
  item,
  series = null,
  clientX,
  clientY,
}: {
  item: ItemSummary;
  /** The lane's series value under the pointer: a capture's measure, or the GC event nearest it. */
  series?: SeriesHit | null;
  clientX: number;
  clientY: number;
}) {
  const start = captureStartText(item);
  const left =
    clientX + OFFSET_PX + WIDTH_PX > window.innerWidth ? clientX - OFFSET_PX - WIDTH_PX : clientX + OFFSET_PX;
  const labels = labelsText(item.labels);
  return (
    <div
      className="floating-tooltip timeline-tooltip"
      data-testid="timeline-tooltip"
      data-profile-id={item.id}
      role="tooltip"
      style={{ left: Math.max(0, left), top: clientY + OFFSET_PX, maxWidth: WIDTH_PX }}
    >
      <div className="timeline-tooltip-name">{item.name}</div>
      <dl>
        {series !== null && (
          <>
            <dt>{series.name}</dt>
            <dd data-testid="timeline-tooltip-series">
              {series.value}
              {series.atMs !== null && ` at ${formatLocalDateTime(series.atMs, true)}`}
            </dd>
          </>
        )}
        <dt>Service</dt>
        <dd>{item.service ?? 'none named'}</dd>
        <dt>Kind</dt>
        <dd>{kindLabel(item.kind)}</dd>
        <dt>Start</dt>
        <dd>
          {start.text}
          {start.mark !== null && ` (${start.mark})`}
        </dd>
        <dt>Duration</dt>
        <dd>{item.durationNs === null ? 'not stated' : formatValue(item.durationNs, 'nanoseconds')}</dd>
        {item.sampleTypes.length > 0 ? (
          item.sampleTypes.map((type, i) => (
            <TotalRow key={`${i}-${type.type}`} name={type.type} text={formatValue(item.totals[i] ?? 0, type.unit)} />
          ))
        ) : (
          <TotalRow name="Total" text={catalogueTotal(item).text} />
        )}
        {labels !== '' && (
          <>
            <dt>Labels</dt>
            <dd className="timeline-tooltip-labels">{labels}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

function TotalRow({ name, text }: { name: string; text: string }) {
  return (
    <>
      <dt>{name}</dt>
      <dd data-testid="timeline-tooltip-total">{text}</dd>
    </>
  );
}
