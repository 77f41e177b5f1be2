/**
 * The only code of the golden-answer recorder that knows the service contract's call shapes. The recorder
 * (record-answers.ts) runs both in the current tree and in a checkout of the reference commit (affec68, whose
 * stacks methods took `{ profileId }` and whose getTopFunctions answered bare rows), so this maps both onto
 * one small interface; the older shape is recognised by the absence of the methods the selection contract
 * added. When the contract changes again, change this file only.
 */
import type {
  FlameTree,
  FunctionSearchHit,
  GcSummary,
  KilnServices,
  LabelKey,
  StackChart,
  TopFunctionRow,
} from '../../shared/ipc/contract';

/** A catalogue item as the recorder sees it, whatever the contract calls its fields. */
export interface ItemInfo {
  id: number;
  /** The item's own name within its file (null for a file of one item). */
  item: string | null;
  /** What the catalogue says of it that must not change: kind, format, sample types, totals, GC/heap totals. */
  summary: ItemSummary;
  sampleTypeCount: number;
  hasSampleTimes: boolean;
  isGcLog: boolean;
}

export interface ItemSummary {
  kind: string;
  format: string;
  sampleTypes: string[];
  totals: number[];
  defaultSampleType: number;
  hasSampleTimes: boolean;
  gc: unknown;
  heap: unknown;
}

export interface GoldenApi {
  /** Imports one file; the refusal's message, or null when it imported. */
  importPath(path: string): Promise<string | null>;
  listItems(): Promise<ItemInfo[]>;
  flameTree(id: number, sampleType: number, filters?: string): Promise<FlameTree>;
  topFunctions(id: number, sampleType: number, limit: number, filters?: string): Promise<TopFunctionRow[]>;
  sandwich(id: number, sampleType: number, functionName: string): Promise<{ callers: FlameTree; callees: FlameTree }>;
  stackChart(id: number, widthPx: number): Promise<StackChart>;
  labelKeys(id: number): Promise<LabelKey[]>;
  gcSummary(id: number): Promise<GcSummary>;
  /** Catalogue search; each hit's items by id. */
  searchFunctions(query: string, limit: number): Promise<{ hit: FunctionSearchHit; itemIds: number[] }[]>;
}

/** The reference commit's contract, as far as the recorder uses it. */
interface LegacyServices {
  getFlameTree(args: { profileId: number; sampleType: number; filters?: string }): Promise<FlameTree>;
  getTopFunctions(args: {
    profileId: number;
    sampleType: number;
    limit: number;
    filters?: string;
  }): Promise<TopFunctionRow[]>;
  getSandwich(args: {
    profileId: number;
    sampleType: number;
    functionName: string;
  }): Promise<{ callers: FlameTree; callees: FlameTree }>;
  getStackChart(args: { profileId: number; widthPx: number }): Promise<StackChart>;
  getLabelKeys(args: { profileId: number }): Promise<LabelKey[]>;
  getGcSummary(args: { profileId: number }): Promise<GcSummary>;
}

export function goldenApi(services: KilnServices): GoldenApi {
  const common = {
    async importPath(path: string): Promise<string | null> {
      const report = await services.importPaths({ paths: [path] });
      return report.errors[0]?.message ?? null;
    },
    async listItems(): Promise<ItemInfo[]> {
      // The catalogue listing was `listProfiles` at the reference commit, `listItems` since.
      const legacy = services as unknown as { listProfiles?: KilnServices['listItems'] };
      const list = legacy.listProfiles ?? services.listItems;
      return (await list({})).map((p) => {
        const hasSampleTimes = p.hasSampleTimes === true;
        return {
          id: p.id,
          item: p.item,
          summary: {
            kind: p.kind,
            // JVM GC logs' file formats were 'jvm-gc-unified' / 'jvm-gc-legacy' at the reference commit (migration 10).
            format: p.format.replace(/^jvm-gc-/, 'jvm-'),
            sampleTypes: p.sampleTypes.map((t) => `${t.type}/${t.unit}`),
            totals: p.totals,
            defaultSampleType: p.defaultSampleType,
            hasSampleTimes,
            gc: p.gc,
            heap: p.heap,
          },
          sampleTypeCount: p.sampleTypes.length,
          hasSampleTimes,
          isGcLog: p.gc !== null,
        };
      });
    },
    async searchFunctions(query: string, limit: number) {
      return (await services.searchFunctions({ query, limit })).map((hit) => ({
        hit,
        // A hit's item was `profileId` at the reference commit, `itemId` since.
        itemIds: hit.profiles.map((p) => (p as { profileId?: number }).profileId ?? p.itemId),
      }));
    },
  };
  if (!('setCaptureStart' in services)) {
    const legacy = services as unknown as LegacyServices;
    return {
      ...common,
      flameTree: (profileId, sampleType, filters) =>
        legacy.getFlameTree({ profileId, sampleType, ...(filters ? { filters } : {}) }),
      topFunctions: (profileId, sampleType, limit, filters) =>
        legacy.getTopFunctions({ profileId, sampleType, limit, ...(filters ? { filters } : {}) }),
      sandwich: (profileId, sampleType, functionName) => legacy.getSandwich({ profileId, sampleType, functionName }),
      stackChart: (profileId, widthPx) => legacy.getStackChart({ profileId, widthPx }),
      labelKeys: (profileId) => legacy.getLabelKeys({ profileId }),
      gcSummary: (profileId) => legacy.getGcSummary({ profileId }),
    };
  }
  const selection = (id: number) => ({ items: [id] });
  return {
    ...common,
    flameTree: (id, sampleType, filters) =>
      services.getFlameTree({ selection: selection(id), sampleType, ...(filters ? { filters } : {}) }),
    topFunctions: async (id, sampleType, limit, filters) =>
      (await services.getTopFunctions({ selection: selection(id), sampleType, limit, ...(filters ? { filters } : {}) }))
        .rows,
    sandwich: (id, sampleType, functionName) =>
      services.getSandwich({ selection: selection(id), sampleType, functionName }),
    stackChart: (id, widthPx) => services.getStackChart({ selection: selection(id), widthPx }),
    labelKeys: (id) => services.getLabelKeys({ selection: selection(id) }),
    gcSummary: (itemId) => services.getGcSummary({ itemId }),
  };
}
