/** Heap-snapshot services: the class table and retaining paths of a class's heaviest instance. */
import { classNameOf } from '../../shared/heap/classes';
import type { HeapAnalysis, HeapSnapshot } from '../../shared/heap/model';
import { retainerPaths } from '../../shared/heap/retainers';
import type { HeapRetainers, KilnServices } from '../../shared/ipc/contract';
import type { ProfileStore } from '../store/profile-store';
import { NotFoundError } from './not-found';

type Loaded = { snapshot: HeapSnapshot; analysis: Pick<HeapAnalysis, 'dominator' | 'retainedSize'> };

export function heapServices(store: ProfileStore): Pick<KilnServices, 'getHeapClasses' | 'getHeapRetainers'> {
  // The last snapshot read from the store: retainer queries come in runs on one snapshot.
  let cached: { itemId: number; loaded: Loaded } | null = null;
  const load = (itemId: number): Loaded => {
    if (cached?.itemId === itemId) return cached.loaded;
    const loaded = store.heapSnapshot(itemId);
    if (!loaded) throw new NotFoundError(`no heap snapshot with id ${itemId}`);
    cached = { itemId, loaded };
    return loaded;
  };

  return {
    getHeapClasses: async ({ itemId, limit }) => {
      if (store.getProfile(itemId)?.kind !== 'heap-snapshot') {
        throw new NotFoundError(`no heap snapshot with id ${itemId}`);
      }
      return store.heapClasses(itemId, limit);
    },
    getHeapRetainers: async ({ itemId, className, maxPaths }): Promise<HeapRetainers> => {
      const { snapshot, analysis } = load(itemId);
      // The instance of the class that retains the most.
      let best = -1;
      for (let node = 0; node < snapshot.nodeType.length; node++) {
        if (classNameOf(snapshot, node) !== className) continue;
        if (best < 0 || (analysis.retainedSize[node] as number) > (analysis.retainedSize[best] as number)) best = node;
      }
      if (best < 0) return { className, instance: null, paths: [] };
      const paths = retainerPaths(snapshot, analysis, best, { maxPaths, maxDepth: 64 });
      return {
        className,
        instance: {
          nodeId: snapshot.nodeId[best] as number,
          selfSize: snapshot.nodeSelfSize[best] as number,
          retainedSize: analysis.retainedSize[best] as number,
        },
        paths: paths.map((path) =>
          path.map((step) => ({
            nodeName: step.nodeName,
            nodeType: snapshot.nodeTypeNames[snapshot.nodeType[step.nodeIndex] as number] ?? '',
            edgeName: step.edgeName,
            selfSize: snapshot.nodeSelfSize[step.nodeIndex] as number,
            retainedSize: analysis.retainedSize[step.nodeIndex] as number,
          })),
        ),
      };
    },
  };
}
