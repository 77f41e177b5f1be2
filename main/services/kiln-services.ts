/**
 * The services behind the contract (shared/ipc/contract.ts). Every transport
 * (Electron IPC, HTTP, the CLI) calls these after validating arguments.
 */
import { diffView } from '../../shared/query/diff';
import { itemsOfService } from '../../shared/capture/selection-parts';
import type { KilnServices } from '../../shared/ipc/contract';
import type { QueryServices } from './query-methods';
import {
  flameTreeView,
  namedItems,
  readStacks,
  readStacksKey,
  sandwichView,
  SelectionError,
  splitRequest,
  topFunctionsView,
  transformStacks,
  type SplitRequest,
  type StacksRequest,
  type ViewStacks,
} from '../../shared/query/views';
import { windowSummary } from '../../shared/query/window-summary';
import type { Importer } from '../ingest/import-files';
import type { ProfileStore } from '../store/profile-store';
import { searchTotal, withShares } from './flame-shares';
import { captureServices } from './capture-services';
import { gcServices } from './gc-services';
import { heapServices } from './heap-services';
import { heapDiffServices } from './heap-diff-services';
import { findingsServices } from './findings-services';
import { leakServices } from './leak-services';
import { NotFoundError } from './not-found';
import { selectionLabelKeys } from './label-key-services';
import { stackChartServices } from './stack-chart-services';
import { annotationServices, timelineServices } from './timeline-services';
import { seriesServices } from './series-services';
import { storeStackSource } from './store-stack-source';

export { NotFoundError } from './not-found';

/**
 * The services: the read-only queries (`queries`, when given: the query worker pool, query-pool.ts; otherwise
 * answered on this thread) and the methods that write or hold state (imports, jobs, capture starts).
 */
export function createServices(store: ProfileStore, importer: Importer, queries?: QueryServices): KilnServices {
  return {
    ...(queries ?? createQueryServices(store)),
    importPaths: async ({ paths, jobId, tags }) => importer.importPaths(paths, jobId, tags),
    importUpload: async ({ fileName, bytes, jobId, lastModifiedMs, tags }) =>
      importer.importInputs(
        [
          {
            name: fileName,
            source: `upload:${fileName}`,
            bytes,
            ...(lastModifiedMs === undefined ? {} : { modifiedAtMs: lastModifiedMs }),
            ...(tags === undefined ? {} : { tags }),
          },
        ],
        jobId,
      ),
    getImportJobs: async () => importer.listJobs(),
    cancelImport: async ({ jobId }) => ({ cancelled: importer.cancel(jobId) }),
    ...captureServices(store),
    ...annotationServices(store),
  };
}

/**
 * The methods that only read the store, on this thread or in a query worker (query-worker-entry.ts). Their caches
 * keep only what no write changes: stacks of plain item lists (not windows, which capture starts move) and heap
 * snapshots, so a worker's copy stays right after setCaptureStart writes on the main thread.
 */
export function createQueryServices(store: ProfileStore): QueryServices {
  const source = storeStackSource(store);
  // The last read: the flame tree, top table and search share of one view read the same stacks (their filters
  // differ only in transforms, applied per call).
  let cached: { key: string; read: ViewStacks } | null = null;
  const readOf = (split: SplitRequest): ViewStacks => {
    const { selection, base } = split.request;
    // A window's cut depends on the items' starts (setCaptureStart moves them) and a service's items on what is
    // imported, so only plain lists of items are kept.
    const stable = 'items' in selection && selection.window === undefined && base === undefined;
    const key = stable ? readStacksKey(split) : null;
    if (key !== null && cached?.key === key) return cached.read;
    try {
      const read = readStacks(source, split);
      if (key !== null) cached = { key, read };
      return read;
    } catch (error) {
      // A selection naming no item, or one without call stacks, is "not found" to every transport.
      if (error instanceof SelectionError) throw new NotFoundError(error.message);
      throw error;
    }
  };
  const viewOf = (request: StacksRequest): ViewStacks => {
    const split = splitRequest(request);
    return transformStacks(readOf(split), split.transforms);
  };

  const services: Omit<QueryServices, 'getFindings'> = {
    listItems: async ({ selection }) => {
      if (selection === undefined) return store.listItems();
      // By id or by service (indexed): a command about a few items costs what they do, not what the catalogue does.
      if ('items' in selection) return store.getItems(selection.items);
      return itemsOfService(store.serviceItems(selection.service), selection);
    },
    getFlameTree: async (request) => {
      const view = viewOf(request);
      return withShares(flameTreeView(view), view, request.filters);
    },
    getSearchTotal: async ({ query, ...request }) => {
      const view = viewOf(request);
      return searchTotal(view, query);
    },
    getTopFunctions: async ({ limit, ...request }) => topFunctionsView(viewOf(request), limit),
    getSandwich: async ({ functionName, ...request }) => {
      const sandwich = sandwichView(viewOf(request), functionName);
      if (sandwich === null) throw new NotFoundError(`the selection has no function ${JSON.stringify(functionName)}`);
      return sandwich;
    },
    searchFunctions: async ({ query, limit }) => store.searchFunctions(query, limit),
    getLabelKeys: async ({ selection }) => {
      try {
        return selectionLabelKeys(store, source, selection);
      } catch (error) {
        if (error instanceof SelectionError) throw new NotFoundError(error.message);
        throw error;
      }
    },
    getDiff: async (args) => notFoundIfUnselected(() => diffView(source, args)),
    getWindowSummary: async ({ selection }) => {
      try {
        // A service's window gets all its service's items: the summary counts every kind over the span (`kinds`).
        const items = 'service' in selection ? source.serviceItems(selection.service) : namedItems(source, selection);
        return windowSummary(items, selection);
      } catch (error) {
        if (error instanceof SelectionError) throw new NotFoundError(error.message);
        throw error;
      }
    },
    ...gcServices(store),
    ...stackChartServices(store),
    ...heapServices(store),
    ...timelineServices(store),
    ...seriesServices(store),
    ...leakServices(store),
    ...heapDiffServices(store),
  };
  return { ...services, ...findingsServices(services) };
}

/** A selection naming no item, or one without call stacks, is "not found" to every transport. */
function notFoundIfUnselected<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof SelectionError) throw new NotFoundError(error.message);
    throw error;
  }
}
