/**
 * The services behind the contract (shared/ipc/contract.ts). Every transport
 * (Electron IPC, HTTP, the CLI) calls these after validating arguments.
 */
import type { FlameTree, KilnServices } from '../../shared/ipc/contract';
import type { ValueType } from '../../shared/profile/model';
import { applyFilters, parseFilters } from '../../shared/query/filters';
import { sandwich } from '../../shared/query/sandwich';
import { buildCallTree } from '../../shared/query/call-tree';
import { topFunctions } from '../../shared/query/function-totals';
import type { WeightedStacks } from '../../shared/query/weighted-stacks';
import type { Importer } from '../ingest/import-files';
import type { ProfileStore } from '../store/profile-store';
import { gcServices } from './gc-services';
import { heapServices } from './heap-services';
import { NotFoundError } from './not-found';

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
  let cached: { key: string; stacks: WeightedStacks } | null = null;
  const stacksOf = (profileId: number, sampleType: number): WeightedStacks => {
    const summary = store.getProfile(profileId);
    if (!summary || summary.sampleTypes.length === 0) throw new NotFoundError(`no profile with id ${profileId}`);
    const typeId = store.sampleTypeId(profileId, sampleType);
    if (typeId === null) {
      throw new NotFoundError(
        `profile ${profileId} has no sample type ${sampleType} (it has ${summary.sampleTypes.length})`,
      );
    }
    const key = `${profileId}:${typeId}`;
    if (cached?.key !== key) cached = { key, stacks: store.mergedStacks([profileId], typeId) };
    return cached.stacks;
  };

  const filteredStacksOf = (profileId: number, sampleType: number, filters: string | undefined): WeightedStacks => {
    const stacks = stacksOf(profileId, sampleType);
    return filters ? applyFilters(stacks, parseFilters(filters)) : stacks;
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
    importPaths: async ({ paths }) => importer.importPaths(paths),
    importUpload: async ({ fileName, bytes }) =>
      importer.importInputs([{ name: fileName, source: `upload:${fileName}`, bytes }]),
    ...gcServices(store),
    ...heapServices(store),
  };
}
