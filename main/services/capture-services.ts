/** Capture services: the start of an item whose file states none, set by the user; services and labels reassigned. */
import type { KilnServices } from '../../shared/ipc/contract';
import { ContractError } from '../../shared/ipc/validate';
import type { ProfileStore } from '../store/profile-store';
import { NotFoundError } from './not-found';

export function captureServices(store: ProfileStore): Pick<KilnServices, 'setCaptureStart' | 'setCaptureTags'> {
  return {
    setCaptureStart: async ({ itemId: id, startMs }) => {
      const item = store.getProfile(id);
      if (!item) throw new NotFoundError(`no item with id ${id}`);
      // A start the file states is a fact of the recording, not an estimate to correct.
      if (item.timeSource === 'file') throw new ContractError(`item ${id}: its file states its start`);
      store.setCaptureStart(id, startMs);
      return store.getProfile(id) ?? item;
    },
    setCaptureTags: async ({ itemIds, service, labels }) => {
      const missing = store.setCaptureTags(itemIds, { service, labels });
      if (missing.length > 0) {
        throw new NotFoundError(
          `no item with id ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`,
        );
      }
      return store.getItems(itemIds);
    },
  };
}
