/** The selected item's name, kind and capture (service, start), with whatever controls its view puts beside them. */
import type { ReactNode } from 'react';
import type { ItemSummary } from '../../shared/ipc/contract';
import { CaptureFacts } from '../catalogue/CaptureFacts';
import { kindLabel } from './itemKinds';

export function ItemHeading({ item, children }: { item: ItemSummary; children?: ReactNode }) {
  return (
    <div className="profile-heading">
      <h2 title={item.name}>{item.name}</h2>
      <span className="item-kind" data-testid="item-kind">
        {kindLabel(item.kind)}
      </span>
      <CaptureFacts item={item} />
      {children}
    </div>
  );
}
