/** The hover card of a flame frame. Plain React text: names may contain markup, which must stay text. */
import { formatPercent } from '../../shared/format/units';
import { formatViewValue } from './valueText';
import { nodeName } from './flame/frameLookup';
import type { FlameLayout } from './flame/layout';

const TOOLTIP_OFFSET_PX = 14;
/** Above this distance from the right edge the card flips to the left of the pointer. */
const TOOLTIP_FLIP_MARGIN_PX = 320;

interface FlameTooltipProps {
  layout: FlameLayout;
  node: number;
  /** Pointer position in CSS pixels relative to the canvas. */
  x: number;
  y: number;
  canvasWidth: number;
  /** The denominator of the percentages: the selection's total before filters ("% of selection"). */
  selectionTotal: number;
}

export function FlameTooltip({ layout, node, x, y, canvasWidth, selectionTotal }: FlameTooltipProps) {
  const { tree } = layout;
  const unit = tree.sampleType.unit;
  const self = tree.self[node] ?? 0;
  const total = tree.total[node] ?? 0;
  // Node values are exact (folding only merges small children into slivers); shares follow the one rule.
  const share = (value: number): string => formatPercent(selectionTotal > 0 ? value / selectionTotal : 0);
  const func = tree.func[node] ?? -1;
  const file = node === 0 ? '' : (tree.functionFiles[func] ?? '');
  const line = tree.functionLines[func] ?? 0;
  const position = tooltipPlace(x, y, canvasWidth);

  return (
    <div
      className="flame-tooltip"
      data-testid="tooltip"
      data-self={self}
      data-total={total}
      role="tooltip"
      style={position}
    >
      <div className="flame-tooltip-name">{nodeName(layout, node)}</div>
      {file !== '' && <div className="flame-tooltip-file">{line > 0 ? `${file}:${line}` : file}</div>}
      <dl>
        <dt>Self</dt>
        <dd>
          {formatViewValue(self, unit)} ({share(self)})
        </dd>
        <dt>Total</dt>
        <dd>
          {formatViewValue(total, unit)} ({share(total)})
        </dd>
      </dl>
      <div className="flame-tooltip-note">% of selection</div>
    </div>
  );
}

/** Where a hover card goes beside the pointer: right of it, or left of it near the canvas's right edge. */
export function tooltipPlace(
  x: number,
  y: number,
  canvasWidth: number,
): { left?: number; right?: number; top: number } {
  return x > canvasWidth - TOOLTIP_FLIP_MARGIN_PX
    ? { right: canvasWidth - x + TOOLTIP_OFFSET_PX, top: y + TOOLTIP_OFFSET_PX }
    : { left: x + TOOLTIP_OFFSET_PX, top: y + TOOLTIP_OFFSET_PX };
}
