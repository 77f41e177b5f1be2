/**
 * The selected item's name, kind and capture (service, start), with whatever controls its view puts beside them.
 * `merged`: the view reads several captures (a window, or picked captures) and the window header above names them,
 * so the heading keeps only the kind and the controls: naming the one capture that lends its sample types would read
 * as if the views showed that capture alone.
 */
import type { ReactNode } from 'react';
import type { ItemSummary } from '../../shared/ipc/contract';
import { CaptureFacts } from '../catalogue/CaptureFacts';
import { kindLabel } from './itemKinds';

export function ItemHeading({
  item,
  merged = false,
  children,
}: {
  item: ItemSummary;
  merged?: boolean;
  children?: ReactNode;
}) {
  return (
    <div className="profile-heading" data-merged={merged}>
      {!merged && <h2 title={item.name}>{item.name}</h2>}
      <span className="item-kind" data-testid="item-kind">
        {kindLabel(item.kind)}
      </span>
      {!merged && <CaptureFacts item={item} />}
      {children}
    </div>
  );
}
