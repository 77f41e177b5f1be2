/** The hover card of a diff flame frame: A, B, the change and whether it is more than noise. Text only. */
import type { DiffFlameTree } from '../../shared/ipc/contract';
import { nodeName } from '../profile/flame/frameLookup';
import type { FlameLayout } from '../profile/flame/layout';
import { tooltipPlace } from '../profile/FlameTooltip';
import { changeText, significanceText } from './diffText';

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
  const style = tooltipPlace(at.x, at.y, at.canvasWidth);
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
