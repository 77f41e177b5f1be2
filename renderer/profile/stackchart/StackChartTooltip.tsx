/** The hover card of a stack chart box. Plain React text: names may contain markup, which must stay text. */
import type { StackChart } from '../../../shared/ipc/contract';
import { formatValue } from '../../../shared/format/units';
import { stackChartBoxName } from '../../../shared/query/stack-chart';
import { formatTime, rangeResolution } from '../../charts/timeFormat';

const TOOLTIP_OFFSET_PX = 14;
/** Above this distance from the right edge the card flips to the left of the pointer. */
const TOOLTIP_FLIP_MARGIN_PX = 320;

interface StackChartTooltipProps {
  chart: StackChart;
  box: number;
  /** Pointer position in CSS pixels relative to the canvas. */
  x: number;
  y: number;
  canvasWidth: number;
}

export function StackChartTooltip({ chart, box, x, y, canvasWidth }: StackChartTooltipProps) {
  const func = chart.func[box] ?? -1;
  const start = chart.start[box] ?? 0;
  const end = chart.end[box] ?? 0;
  const file = func >= 0 ? (chart.functionFiles[func] ?? '') : '';
  const line = func >= 0 ? (chart.functionLines[func] ?? 0) : 0;
  const flip = x > canvasWidth - TOOLTIP_FLIP_MARGIN_PX;
  const position = flip
    ? { right: canvasWidth - x + TOOLTIP_OFFSET_PX, top: y + TOOLTIP_OFFSET_PX }
    : { left: x + TOOLTIP_OFFSET_PX, top: y + TOOLTIP_OFFSET_PX };

  return (
    <div className="flame-tooltip" data-testid="stack-chart-tooltip" role="tooltip" style={position}>
      <div className="flame-tooltip-name">{stackChartBoxName(chart, box)}</div>
      {file !== '' && <div className="flame-tooltip-file">{line > 0 ? `${file}:${line}` : file}</div>}
      {func < 0 && <div className="flame-tooltip-file">Calls too short to draw at this zoom; zoom in to see them.</div>}
      <dl>
        <dt>Duration</dt>
        <dd data-testid="stack-chart-tooltip-duration">{formatValue(end - start, 'nanoseconds')}</dd>
        <dt>Start</dt>
        <dd data-testid="stack-chart-tooltip-start">
          {formatTime(start - chart.timeStartNs, rangeResolution(end - start))}
        </dd>
        <dt>Depth</dt>
        <dd>{chart.depth[box] ?? 0}</dd>
      </dl>
    </div>
  );
}
