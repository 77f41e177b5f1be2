/**
 * The store as the StackSource view assembly reads (shared/query/views.ts):
 * whole items merged by `SUM … GROUP BY stack`, windows of timed items from
 * sample_times and sample_weights.
 */
import type { StackSource } from '../../shared/query/views';
import { WeightedStacksBuilder } from '../../shared/query/weighted-stacks';
import type { ProfileStore } from '../store/profile-store';

export function storeStackSource(store: ProfileStore): StackSource {
  const empty = () => new WeightedStacksBuilder().finish([], [], []);
  return {
    item: (id) => store.getProfile(id),
    items: (ids) => store.getItems(ids),
    itemFunctionTotals: (ids, functions) => store.itemFunctionTotals(ids, functions),
    serviceItems: (service) => store.serviceItems(service),
    itemStacks: (ids, sampleType, query) => {
      const typeId = store.sampleTypeIdOf(sampleType);
      return typeId === null || ids.length === 0 ? empty() : store.mergedStacks(ids, typeId, query);
    },
    windowStacks: (id, sampleType, cut, query) => {
      const typeId = store.sampleTypeIdOf(sampleType);
      return (typeId === null ? null : store.windowStacks(id, typeId, cut, query)) ?? empty();
    },
  };
}
