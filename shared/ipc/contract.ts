/**
 * The one service contract. Electron IPC (via the preload), HTTP (`kiln serve`)
 * and direct calls (CLI, tests) all carry exactly these methods, and every
 * transport validates arguments with `validateArgs` before a service sees them.
 */
import type { ProfileFormat, ProfileKind, ValueType } from '../profile/model';

/** One row of the catalogue. */
export interface ProfileSummary {
  id: number;
  /** File name the profile came from (no directories). */
  name: string;
  format: ProfileFormat;
  kind: ProfileKind;
  /** Service the profile belongs to, when the source names one. */
  service: string | null;
  /** Capture start, ms since the Unix epoch; null when the file does not say. */
  capturedAtMs: number | null;
  durationNs: number | null;
  sampleTypes: ValueType[];
  /** Total per sample type, same order as sampleTypes. */
  totals: number[];
  defaultSampleType: number;
  importedAtMs: number;
  /** Hex SHA-256 of the original bytes. */
  contentHash: string;
}

/**
 * A call tree merged by function, in depth-first pre-order: a node's children
 * follow it, and its subtree ends where the next node with depth <= its own begins.
 * Columnar so that a million nodes cost a few flat arrays, not a million objects.
 */
export interface FlameTree {
  /** Function display names, files and start lines, indexed by `func`. */
  functionNames: string[];
  functionFiles: string[];
  /** First line of each function in its file (0 when unknown), for "file:line". */
  functionLines: number[];
  func: number[];
  parent: number[];
  depth: number[];
  self: number[];
  total: number[];
  /** Node 0 is a synthetic root whose total is the whole profile's total for this sample type. */
  sampleType: ValueType;
}

export interface TopFunctionRow {
  function: string;
  file: string;
  /** Value of samples whose leaf frame is this function (pprof "flat"). */
  self: number;
  /** Value of samples with this function anywhere on the stack, counted once per sample (pprof "cum"). */
  total: number;
}

export interface ImportedProfile {
  id: number;
  file: string;
  format: ProfileFormat;
  kind: ProfileKind;
  sampleTypes: ValueType[];
  totals: number[];
  /** True when the same bytes were already in the store; `id` is the existing profile. */
  duplicate: boolean;
}

export interface ImportFailure {
  file: string;
  message: string;
}

export interface ImportReport {
  imported: ImportedProfile[];
  errors: ImportFailure[];
}

/** Method name → [argument, result]. */
export interface KilnContract {
  listProfiles: [Record<string, never>, ProfileSummary[]];
  getFlameTree: [{ profileId: number; sampleType: number }, FlameTree];
  getTopFunctions: [{ profileId: number; sampleType: number; limit: number }, TopFunctionRow[]];
  /** Import files the user chose by path (Electron's file dialog or drop, the CLI). Never exposed over HTTP. */
  importPaths: [{ paths: string[] }, ImportReport];
  /** Import bytes the user dropped or chose in a browser page. */
  importUpload: [{ fileName: string; bytes: Uint8Array }, ImportReport];
}

export type KilnMethod = keyof KilnContract;
export type ArgsOf<M extends KilnMethod> = KilnContract[M][0];
export type ResultOf<M extends KilnMethod> = KilnContract[M][1];

/** The services behind the contract, as every transport sees them. */
export type KilnServices = { [M in KilnMethod]: (args: ArgsOf<M>) => Promise<ResultOf<M>> };

export const KILN_METHODS: readonly KilnMethod[] = [
  'listProfiles',
  'getFlameTree',
  'getTopFunctions',
  'importPaths',
  'importUpload',
];

/** Methods a browser page may call over HTTP: no paths from a page. */
export const HTTP_METHODS: readonly KilnMethod[] = ['listProfiles', 'getFlameTree', 'getTopFunctions', 'importUpload'];

/**
 * `window.kiln` in the Electron renderer, as the preload exposes it: the
 * contract's methods plus the path of a dropped or chosen file (Electron's
 * webUtils.getPathForFile; '' when it has none). Generic over the DOM's File,
 * which shared/ cannot name.
 */
export type KilnBridge<FileLike> = KilnServices & {
  pathForFile(file: FileLike): string;
};
