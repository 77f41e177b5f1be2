/**
 * The services behind the contract (shared/ipc/contract.ts). Every transport
 * (Electron IPC, HTTP, the CLI) calls these after validating arguments.
 */
import { LABEL_VALUES_LIMIT, type FlameTree, type KilnServices } from '../../shared/ipc/contract';
import type { ValueType } from '../../shared/profile/model';
import {
  applyFilters,
  parseFilters,
  splitFilters,
  stackQueryKey,
  type StackQueryOptions,
} from '../../shared/query/filters';
import { sandwich } from '../../shared/query/sandwich';
import { buildCallTree } from '../../shared/query/call-tree';
import { topFunctions } from '../../shared/query/function-totals';
import type { WeightedStacks } from '../../shared/query/weighted-stacks';
import type { Importer } from '../ingest/import-files';
import type { ProfileStore } from '../store/profile-store';
import { gcServices } from './gc-services';
import { heapServices } from './heap-services';
import { NotFoundError } from './not-found';
import { stackChartServices } from './stack-chart-services';

export { NotFoundError } from './not-found';

/**
 * Frames below this share of the whole profile are folded into one sliver per
 * parent in flame trees: at 1/100,000 a folded frame would be under 0.02 px
 * wide on a 2,000 px canvas, and deep random recursion otherwise yields trees
 * of millions of nodes that no screen can show.
 */
export const FLAME_TREE_MIN_FRACTION = 1e-5;

export function createServices(store: ProfileStore, importer: Importer): KilnServices {
  // The last merged stacks: the flame tree and top table of one view ask for the same.
  // The store-level filters (labels, lines) shape them, so they are part of the key.
  let cached: { key: string; stacks: WeightedStacks } | null = null;
  const stacksOf = (profileId: number, sampleType: number, query: StackQueryOptions): WeightedStacks => {
    const summary = store.getProfile(profileId);
    if (!summary || summary.sampleTypes.length === 0) throw new NotFoundError(`no profile with id ${profileId}`);
    const typeId = store.sampleTypeId(profileId, sampleType);
    if (typeId === null) {
      throw new NotFoundError(
        `profile ${profileId} has no sample type ${sampleType} (it has ${summary.sampleTypes.length})`,
      );
    }
    const key = `${profileId}:${typeId}:${stackQueryKey(query)}`;
    if (cached?.key !== key) cached = { key, stacks: store.mergedStacks([profileId], typeId, query) };
    return cached.stacks;
  };

  // Label and line filters go to the store's query; the rest transform its stacks, in order.
  const filteredStacksOf = (profileId: number, sampleType: number, filters: string | undefined): WeightedStacks => {
    const { query, transforms } = splitFilters(filters ? parseFilters(filters) : []);
    const stacks = stacksOf(profileId, sampleType, query);
    return transforms.length > 0 ? applyFilters(stacks, transforms) : stacks;
  };
  const valueTypeOf = (profileId: number, sampleType: number): ValueType =>
    store.getProfile(profileId)?.sampleTypes[sampleType] ?? { type: '', unit: '' };
  const tree = (stacks: WeightedStacks, valueType: ValueType): FlameTree =>
    buildCallTree(stacks, valueType, { minFraction: FLAME_TREE_MIN_FRACTION });

  return {
    listProfiles: async () => store.listProfiles(),
    getFlameTree: async ({ profileId, sampleType, filters }) =>
      tree(filteredStacksOf(profileId, sampleType, filters), valueTypeOf(profileId, sampleType)),
    getTopFunctions: async ({ profileId, sampleType, limit, filters }) =>
      topFunctions(filteredStacksOf(profileId, sampleType, filters), limit),
    getSandwich: async ({ profileId, sampleType, functionName, filters }) => {
      const stacks = filteredStacksOf(profileId, sampleType, filters);
      const functionIndex = stacks.functionNames.indexOf(functionName);
      if (functionIndex < 0)
        throw new NotFoundError(`profile ${profileId} has no function ${JSON.stringify(functionName)}`);
      const { callers, callees } = sandwich(stacks, functionIndex);
      const valueType = valueTypeOf(profileId, sampleType);
      return { callers: tree(callers, valueType), callees: tree(callees, valueType) };
    },
    searchFunctions: async ({ query, limit }) => store.searchFunctions(query, limit),
    getLabelKeys: async ({ profileId }) => {
      if (!store.getProfile(profileId)) throw new NotFoundError(`no profile with id ${profileId}`);
      return store.labelKeys(profileId, LABEL_VALUES_LIMIT);
    },
    importPaths: async ({ paths, jobId }) => importer.importPaths(paths, jobId),
    importUpload: async ({ fileName, bytes, jobId }) =>
      importer.importInputs([{ name: fileName, source: `upload:${fileName}`, bytes }], jobId),
    getImportJobs: async () => importer.listJobs(),
    cancelImport: async ({ jobId }) => ({ cancelled: importer.cancel(jobId) }),
    ...gcServices(store),
    ...stackChartServices(store),
    ...heapServices(store),
  };
}
