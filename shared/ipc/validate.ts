/**
 * Runtime validation of contract arguments. Transports receive untrusted data
 * (an HTTP body, an IPC message from a renderer), so each method's arguments
 * are checked for shape and bounds before any service runs.
 */
import { parseFilters } from '../query/filter-text';
import { ANNOTATION_FILE_LIMITS } from '../timeline/annotation-file';
import {
  DIFF_MODES,
  DIFF_TREE_LAYOUTS,
  KILN_METHODS,
  type ArgsOf,
  type DiffMode,
  type DiffTreeLayout,
  type KilnMethod,
  type StacksArgs,
} from './contract';
import {
  requireImportTags,
  requireItemIds,
  requireLabels,
  requireServiceName,
  TagsShapeError,
} from './validate-capture-tags';
import { requireSelection, SelectionShapeError } from './validate-selection';

export class ContractError extends Error {
  override readonly name = 'ContractError';
}

/** Upper bounds that keep a single call from asking for unbounded work. */
export const CONTRACT_LIMITS = {
  maxPaths: 1000,
  maxPathLength: 4096,
  maxFileNameLength: 255,
  maxTopLimit: 100_000,
  /** Package prefixes a comparison may be told are not the user's own code, and the length of each. */
  maxNotMine: 100,
  maxPackageLength: 512,
  maxRetainerPaths: 100,
  maxClassNameLength: 4096,
  /** Bands of an allocation timeline, snapshots compared at once, GC windows. */
  maxBands: 100,
  maxHeapDiffSnapshots: 20,
  maxGcWindows: 1000,
  maxFiltersLength: 8192,
  maxStackChartWidthPx: 65_536,
  maxJobIdLength: 64,
  maxSearchQueryLength: 256,
  maxSearchLimit: 1000,
  /** 9999-12-31, the last day a Date shows with a four-digit year. */
  maxEpochMs: 253_402_300_799_999,
} as const;

type Validator<M extends KilnMethod> = (raw: Record<string, unknown>) => ArgsOf<M>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireId(raw: Record<string, unknown>, key: string): number {
  const value = raw[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new ContractError(`${key} must be a non-negative integer`);
  }
  return value;
}

function requireString(value: unknown, what: string, maxLength: number): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength || value.includes('\0')) {
    throw new ContractError(`${what} must be a non-empty string of at most ${maxLength} characters`);
  }
  return value;
}

/** A wall-clock time in ms since the Unix epoch, within years 1970..9999 (what a Date can show). */
function requireEpochMs(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > CONTRACT_LIMITS.maxEpochMs) {
    throw new ContractError(`${what} must be a time in ms since the Unix epoch`);
  }
  return value;
}

function requireLimit(raw: Record<string, unknown>): number {
  const limit = requireId(raw, 'limit');
  if (limit < 1 || limit > CONTRACT_LIMITS.maxTopLimit) {
    throw new ContractError(`limit must be between 1 and ${CONTRACT_LIMITS.maxTopLimit}`);
  }
  return limit;
}

/** Filters in their text form: checked for length and syntax here, so a bad one is a 400, not a 500. */
function optionalFilters(raw: Record<string, unknown>): { filters?: string } {
  const filters = raw['filters'];
  if (filters === undefined || filters === '') return {};
  if (typeof filters !== 'string' || filters.length > CONTRACT_LIMITS.maxFiltersLength) {
    throw new ContractError(`filters must be a string of at most ${CONTRACT_LIMITS.maxFiltersLength} characters`);
  }
  try {
    parseFilters(filters);
  } catch (error) {
    throw new ContractError(`filters: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { filters };
}

/** An import's job id: chosen by the caller, so kept short and plain (it is echoed in getImportJobs). */
function requireJobId(value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(value) || value.length > CONTRACT_LIMITS.maxJobIdLength) {
    throw new ContractError(`jobId must be 1 to ${CONTRACT_LIMITS.maxJobIdLength} letters, digits, '-', '_' or '.'`);
  }
  return value;
}

function optionalJobId(raw: Record<string, unknown>): { jobId?: string } {
  return raw['jobId'] === undefined ? {} : { jobId: requireJobId(raw['jobId']) };
}

/** A check of validate-capture-tags.ts, its refusal as a ContractError. */
function tagsCheck<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof TagsShapeError) throw new ContractError(error.message);
    throw error;
  }
}

/** An import's optional service and labels for every item it brings (contract.ts ImportTags). */
function optionalImportTags(raw: Record<string, unknown>): { tags?: ArgsOf<'importPaths'>['tags'] } {
  return raw['tags'] === undefined ? {} : { tags: tagsCheck(() => requireImportTags(raw['tags'])) };
}

/** `selection` (required) or `base` (optional) of a stacks method, checked by validate-selection.ts. */
function selectionArg(raw: Record<string, unknown>, key: 'selection' | 'target'): StacksArgs['selection'];
function selectionArg(raw: Record<string, unknown>, key: 'base'): StacksArgs['base'];
function selectionArg(raw: Record<string, unknown>, key: 'selection' | 'target' | 'base'): StacksArgs['base'] {
  if (key === 'base' && raw[key] === undefined) return undefined;
  try {
    return requireSelection(raw[key], key);
  } catch (error) {
    if (error instanceof SelectionShapeError) throw new ContractError(error.message);
    throw error;
  }
}

/** A sample type named by its type (`inuse_space`), as memory series take it. */
function optionalTypeName(raw: Record<string, unknown>): { sampleType?: string } {
  const type = raw['sampleType'];
  return type === undefined
    ? {}
    : { sampleType: requireString(type, 'sampleType', CONTRACT_LIMITS.maxClassNameLength) };
}

const STACKS_KEYS = ['selection', 'base', 'sampleType', 'filters', 'scale'] as const;

/** `scale`: only 'per-second' (contract.ts StacksArgs); whether the sample type is a counter is the service's check. */
function optionalScale(raw: Record<string, unknown>): { scale?: 'per-second' } {
  const scale = raw['scale'];
  if (scale === undefined) return {};
  if (scale !== 'per-second') throw new ContractError('scale must be "per-second"');
  return { scale };
}

/** What every stacks method takes (contract.ts StacksArgs), plus the method's own keys, checked by the caller. */
function stacksArgs(raw: Record<string, unknown>, ownKeys: readonly string[]): StacksArgs {
  onlyKeys(raw, [...STACKS_KEYS, ...ownKeys]);
  const base = selectionArg(raw, 'base');
  return {
    selection: selectionArg(raw, 'selection'),
    ...(base === undefined ? {} : { base }),
    sampleType: requireId(raw, 'sampleType'),
    ...optionalFilters(raw),
    ...optionalScale(raw),
  };
}

function onlyKeys(raw: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) throw new ContractError(`unexpected argument ${JSON.stringify(key)}`);
  }
}

/** getStackChart's range and width: finite times (ns, on the profile's clock), start before end, a whole pixel width. */
function stackChartArgs(raw: Record<string, unknown>): ArgsOf<'getStackChart'> {
  onlyKeys(raw, ['selection', 'filters', 'startNs', 'endNs', 'widthPx']);
  const range: { startNs?: number; endNs?: number } = {};
  for (const key of ['startNs', 'endNs'] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new ContractError(`${key} must be a finite number`);
    range[key] = value;
  }
  if (range.startNs !== undefined && range.endNs !== undefined && !(range.endNs > range.startNs)) {
    throw new ContractError('endNs must be greater than startNs');
  }
  const widthPx = requireId(raw, 'widthPx');
  if (widthPx < 1 || widthPx > CONTRACT_LIMITS.maxStackChartWidthPx) {
    throw new ContractError(`widthPx must be between 1 and ${CONTRACT_LIMITS.maxStackChartWidthPx}`);
  }
  return { selection: selectionArg(raw, 'selection'), ...optionalFilters(raw), ...range, widthPx };
}

const validators: { [M in KilnMethod]: Validator<M> } = {
  listItems: (raw) => {
    onlyKeys(raw, ['selection']);
    return raw['selection'] === undefined ? {} : { selection: selectionArg(raw, 'selection') };
  },
  getFlameTree: (raw) => stacksArgs(raw, []),
  getTopFunctions: (raw) => ({ ...stacksArgs(raw, ['limit']), limit: requireLimit(raw) }),
  getStackChart: stackChartArgs,
  getSandwich: (raw) => ({
    ...stacksArgs(raw, ['functionName']),
    functionName: requireString(raw['functionName'], 'functionName', CONTRACT_LIMITS.maxClassNameLength),
  }),
  importPaths: (raw) => {
    onlyKeys(raw, ['paths', 'jobId', 'tags']);
    const paths = raw['paths'];
    if (!Array.isArray(paths) || paths.length === 0 || paths.length > CONTRACT_LIMITS.maxPaths) {
      throw new ContractError(`paths must be a list of 1 to ${CONTRACT_LIMITS.maxPaths} paths`);
    }
    return {
      paths: paths.map((p) => requireString(p, 'each path', CONTRACT_LIMITS.maxPathLength)),
      ...optionalJobId(raw),
      ...optionalImportTags(raw),
    };
  },
  importUpload: (raw) => {
    onlyKeys(raw, ['fileName', 'bytes', 'jobId', 'lastModifiedMs', 'tags']);
    const bytes = raw['bytes'];
    if (!(bytes instanceof Uint8Array)) throw new ContractError('bytes must be a Uint8Array');
    const fileName = requireString(raw['fileName'], 'fileName', CONTRACT_LIMITS.maxFileNameLength);
    if (/[/\\]/.test(fileName)) throw new ContractError('fileName must be a bare file name, without directories');
    const lastModifiedMs = raw['lastModifiedMs'];
    return {
      fileName,
      bytes,
      ...optionalJobId(raw),
      ...(lastModifiedMs === undefined ? {} : { lastModifiedMs: requireEpochMs(lastModifiedMs, 'lastModifiedMs') }),
      ...optionalImportTags(raw),
    };
  },
  setCaptureStart: (raw) => {
    onlyKeys(raw, ['itemId', 'startMs']);
    return { itemId: requireId(raw, 'itemId'), startMs: requireEpochMs(raw['startMs'], 'startMs') };
  },
  setCaptureTags: (raw) => {
    onlyKeys(raw, ['itemIds', 'service', 'labels']);
    if (raw['service'] === undefined && raw['labels'] === undefined) {
      throw new ContractError('give a service, labels or both');
    }
    return tagsCheck(() => ({
      itemIds: requireItemIds(raw['itemIds']),
      ...(raw['service'] === undefined ? {} : { service: requireServiceName(raw['service']) }),
      // An empty value removes the label.
      ...(raw['labels'] === undefined ? {} : { labels: requireLabels(raw['labels'], 'labels', true) }),
    }));
  },
  getImportJobs: (raw) => {
    onlyKeys(raw, []);
    return {};
  },
  cancelImport: (raw) => {
    onlyKeys(raw, ['jobId']);
    return { jobId: requireJobId(raw['jobId']) };
  },
  getGcSummary: (raw) => {
    onlyKeys(raw, ['itemId']);
    return { itemId: requireId(raw, 'itemId') };
  },
  getGcEvents: (raw) => {
    onlyKeys(raw, ['itemId']);
    return { itemId: requireId(raw, 'itemId') };
  },
  getHeapClasses: (raw) => {
    onlyKeys(raw, ['itemId', 'limit']);
    return { itemId: requireId(raw, 'itemId'), limit: requireLimit(raw) };
  },
  getLabelKeys: (raw) => {
    onlyKeys(raw, ['selection']);
    return { selection: selectionArg(raw, 'selection') };
  },
  getWindowSummary: (raw) => {
    onlyKeys(raw, ['selection']);
    return { selection: selectionArg(raw, 'selection') };
  },
  getDiff: (raw) => {
    onlyKeys(raw, ['base', 'target', 'sampleType', 'mode', 'limit', 'filters', 'notMine', 'layout']);
    if (raw['base'] === undefined) throw new ContractError('base must be a selection');
    const mode = raw['mode'];
    if (mode !== undefined && !DIFF_MODES.includes(mode as DiffMode)) {
      throw new ContractError(`mode must be one of ${DIFF_MODES.join(', ')}`);
    }
    const layout = raw['layout'];
    if (layout !== undefined && !DIFF_TREE_LAYOUTS.includes(layout as DiffTreeLayout)) {
      throw new ContractError(`layout must be one of ${DIFF_TREE_LAYOUTS.join(', ')}`);
    }
    const notMine = raw['notMine'];
    if (
      notMine !== undefined &&
      (!Array.isArray(notMine) ||
        notMine.length > CONTRACT_LIMITS.maxNotMine ||
        notMine.some((p) => typeof p !== 'string' || p === '' || p.length > CONTRACT_LIMITS.maxPackageLength))
    ) {
      throw new ContractError(
        `notMine must be at most ${CONTRACT_LIMITS.maxNotMine} package prefixes of 1 to ${CONTRACT_LIMITS.maxPackageLength} characters`,
      );
    }
    return {
      base: selectionArg(raw, 'base') as StacksArgs['selection'],
      target: selectionArg(raw, 'target'),
      sampleType: requireId(raw, 'sampleType'),
      ...(mode === undefined ? {} : { mode: mode as DiffMode }),
      ...optionalFilters(raw),
      limit: requireLimit(raw),
      ...(notMine === undefined ? {} : { notMine: [...(notMine as string[])] }),
      ...(layout === undefined ? {} : { layout: layout as DiffTreeLayout }),
    };
  },
  getLeaks: (raw) => {
    onlyKeys(raw, ['selection', 'sampleType', 'limit']);
    return { selection: selectionArg(raw, 'selection'), ...optionalTypeName(raw), limit: requireLimit(raw) };
  },
  getAllocationTimeline: (raw) => {
    onlyKeys(raw, ['selection', 'sampleType', 'top']);
    const top = requireId(raw, 'top');
    if (top < 1 || top > CONTRACT_LIMITS.maxBands) {
      throw new ContractError(`top must be between 1 and ${CONTRACT_LIMITS.maxBands}`);
    }
    return { selection: selectionArg(raw, 'selection'), ...optionalTypeName(raw), top };
  },
  getHeapDiff: (raw) => {
    onlyKeys(raw, ['itemIds', 'limit']);
    const ids = raw['itemIds'];
    if (!Array.isArray(ids) || ids.length < 2 || ids.length > CONTRACT_LIMITS.maxHeapDiffSnapshots) {
      throw new ContractError(`itemIds must list 2 to ${CONTRACT_LIMITS.maxHeapDiffSnapshots} heap snapshots`);
    }
    const itemIds = ids.map((_, i) => requireId(ids as unknown as Record<string, unknown>, String(i)));
    return { itemIds, limit: requireLimit(raw) };
  },
  getDominatorTree: (raw) => {
    onlyKeys(raw, ['itemId', 'nodeId', 'limit']);
    return {
      itemId: requireId(raw, 'itemId'),
      ...(raw['nodeId'] === undefined ? {} : { nodeId: requireId(raw, 'nodeId') }),
      limit: requireLimit(raw),
    };
  },
  getGcWindows: (raw) => {
    onlyKeys(raw, ['selection', 'windows']);
    const windows = raw['windows'];
    if (windows !== undefined) {
      const n = requireId(raw, 'windows');
      if (n < 1 || n > CONTRACT_LIMITS.maxGcWindows) {
        throw new ContractError(`windows must be between 1 and ${CONTRACT_LIMITS.maxGcWindows}`);
      }
    }
    return {
      selection: selectionArg(raw, 'selection'),
      ...(windows === undefined ? {} : { windows: windows as number }),
    };
  },
  getFindings: (raw) => {
    onlyKeys(raw, ['selection', 'base']);
    const base = selectionArg(raw, 'base');
    return { selection: selectionArg(raw, 'selection'), ...(base === undefined ? {} : { base }) };
  },
  getHeapRetainers: (raw) => {
    onlyKeys(raw, ['itemId', 'className', 'maxPaths']);
    const maxPaths = requireId(raw, 'maxPaths');
    if (maxPaths < 1 || maxPaths > CONTRACT_LIMITS.maxRetainerPaths) {
      throw new ContractError(`maxPaths must be between 1 and ${CONTRACT_LIMITS.maxRetainerPaths}`);
    }
    return {
      itemId: requireId(raw, 'itemId'),
      className: requireString(raw['className'], 'className', CONTRACT_LIMITS.maxClassNameLength),
      maxPaths,
    };
  },
  // getFlameTree's arguments plus the search text, so the share is of exactly the view the tree shows.
  getSearchTotal: (raw) => {
    const { query, ...view } = raw;
    return {
      ...validators.getFlameTree(view),
      query: requireString(query, 'query', CONTRACT_LIMITS.maxSearchQueryLength),
    };
  },
  searchFunctions: (raw) => {
    onlyKeys(raw, ['query', 'limit']);
    const limit = requireId(raw, 'limit');
    if (limit < 1 || limit > CONTRACT_LIMITS.maxSearchLimit) {
      throw new ContractError(`limit must be between 1 and ${CONTRACT_LIMITS.maxSearchLimit}`);
    }
    return { query: requireString(raw['query'], 'query', CONTRACT_LIMITS.maxSearchQueryLength), limit };
  },
  getTimeline: (raw) => {
    onlyKeys(raw, ['service']);
    const service = raw['service'];
    return service === undefined
      ? {}
      : { service: requireString(service, 'service', ANNOTATION_FILE_LIMITS.maxServiceLength) };
  },
  getTimelineSeries: (raw) => {
    onlyKeys(raw, ['service']);
    const service = raw['service'];
    return service === undefined
      ? {}
      : { service: requireString(service, 'service', ANNOTATION_FILE_LIMITS.maxServiceLength) };
  },
  addAnnotation: (raw) => {
    onlyKeys(raw, ['service', 'atMs', 'label']);
    return {
      service: requireString(raw['service'], 'service', ANNOTATION_FILE_LIMITS.maxServiceLength),
      atMs: requireEpochMs(raw['atMs'], 'atMs'),
      label: requireString(raw['label'], 'label', ANNOTATION_FILE_LIMITS.maxLabelLength),
    };
  },
  updateAnnotation: (raw) => {
    onlyKeys(raw, ['id', 'atMs', 'label']);
    const { atMs, label } = raw;
    return {
      id: requireId(raw, 'id'),
      ...(atMs === undefined ? {} : { atMs: requireEpochMs(atMs, 'atMs') }),
      ...(label === undefined ? {} : { label: requireString(label, 'label', ANNOTATION_FILE_LIMITS.maxLabelLength) }),
    };
  },
  deleteAnnotation: (raw) => {
    onlyKeys(raw, ['id']);
    return { id: requireId(raw, 'id') };
  },
  importAnnotations: (raw) => {
    onlyKeys(raw, ['fileName', 'text', 'service']);
    const { service } = raw;
    return {
      fileName: requireString(raw['fileName'], 'fileName', CONTRACT_LIMITS.maxFileNameLength),
      text: requireString(raw['text'], 'text', ANNOTATION_FILE_LIMITS.maxChars),
      ...(service === undefined
        ? {}
        : { service: requireString(service, 'service', ANNOTATION_FILE_LIMITS.maxServiceLength) }),
    };
  },
};

export function isKilnMethod(name: unknown): name is KilnMethod {
  return typeof name === 'string' && (KILN_METHODS as readonly string[]).includes(name);
}

/** Checks a method name and its raw arguments; returns typed arguments or throws ContractError. */
export function validateArgs<M extends KilnMethod>(method: M, raw: unknown): ArgsOf<M> {
  if (!isKilnMethod(method)) throw new ContractError(`unknown method ${JSON.stringify(method)}`);
  if (!isRecord(raw)) throw new ContractError(`${method}: arguments must be an object`);
  try {
    return validators[method](raw);
  } catch (error) {
    if (error instanceof ContractError) throw new ContractError(`${method}: ${error.message}`);
    throw error;
  }
}

/** Opaque file handles as main/app/file-handles.ts makes them: 128 random bits, base64url. */
const FILE_HANDLE_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** Arguments of the Electron-only importHandles call (not a contract method: it has no HTTP or CLI form). */
export function validateImportHandles(raw: unknown): {
  handles: string[];
  jobId?: string;
  tags?: ArgsOf<'importPaths'>['tags'];
} {
  try {
    if (!isRecord(raw)) throw new ContractError('arguments must be an object');
    onlyKeys(raw, ['handles', 'jobId', 'tags']);
    const handles = raw['handles'];
    if (!Array.isArray(handles) || handles.length === 0 || handles.length > CONTRACT_LIMITS.maxPaths) {
      throw new ContractError(`handles must be a list of 1 to ${CONTRACT_LIMITS.maxPaths} file handles`);
    }
    for (const handle of handles) {
      if (typeof handle !== 'string' || !FILE_HANDLE_PATTERN.test(handle)) {
        throw new ContractError('each handle must be a file handle given by fileHandle');
      }
    }
    return { handles: handles as string[], ...optionalJobId(raw), ...optionalImportTags(raw) };
  } catch (error) {
    if (error instanceof ContractError) throw new ContractError(`importHandles: ${error.message}`);
    throw error;
  }
}

/** What the preload sends for a dropped or opened file: the path webUtils.getPathForFile resolved. */
export function validateFilePath(raw: unknown): { path: string } {
  try {
    if (!isRecord(raw)) throw new ContractError('arguments must be an object');
    onlyKeys(raw, ['path']);
    return { path: requireString(raw['path'], 'path', CONTRACT_LIMITS.maxPathLength) };
  } catch (error) {
    if (error instanceof ContractError) throw new ContractError(`fileHandle: ${error.message}`);
    throw error;
  }
}
