/** The hover card of a diff flame frame: A, B, the change and whether it is more than noise. Text only. */
import type { DiffFlameTree } from '../../shared/ipc/contract';
import { nodeName } from '../profile/flame/frameLookup';
import type { FlameLayout } from '../profile/flame/layout';
import { changeText, significanceText } from './diffText';

const OFFSET_PX = 14;
const FLIP_MARGIN_PX = 320;

export function DiffTooltip({
  layout,
  tree,
  node,
  at,
  format,
}: {
  layout: FlameLayout;
  tree: DiffFlameTree;
  node: number;
  at: { x: number; y: number; canvasWidth: number };
  format: (value: number) => string;
}) {
  const a = tree.baseTotal[node] ?? 0;
  const b = tree.targetTotal[node] ?? 0;
  const aSelf = tree.baseSelf[node] ?? 0;
  const bSelf = tree.targetSelf[node] ?? 0;
  const flip = at.x > at.canvasWidth - FLIP_MARGIN_PX;
  const style = flip
    ? { right: at.canvasWidth - at.x + OFFSET_PX, top: at.y + OFFSET_PX }
    : { left: at.x + OFFSET_PX, top: at.y + OFFSET_PX };
  return (
    <div
      className="flame-tooltip"
      data-testid="diff-tooltip"
      data-base={a}
      data-target={b}
      role="tooltip"
      style={style}
    >
      <div className="flame-tooltip-name">{nodeName(layout, node)}</div>
      <dl>
        <dt>Total A → B</dt>
        <dd>
          {format(a)} → {format(b)} ({changeText(a, b, format)})
        </dd>
        <dt>Self A → B</dt>
        <dd>
          {format(aSelf)} → {format(bSelf)} ({changeText(aSelf, bSelf, format)})
        </dd>
        <dt>Noise?</dt>
        <dd>{significanceText(tree.significant[node] ?? null, tree.pValue[node] ?? null)}</dd>
      </dl>
    </div>
  );
}
