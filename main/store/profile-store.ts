/**
 * The local SQLite store (better-sqlite3). One transaction per imported file:
 * a file and all the items it holds are either fully written or not at all.
 * A write waits for another process's write to end (write-lock.ts).
 * The same bytes twice are one file (files.content_hash UNIQUE).
 */
import type Database from 'better-sqlite3';
import type { TimeSource } from '../../shared/capture/capture';
import type { GcEvent, GcLog } from '../../shared/gc/model';
import type { HeapAnalysis, HeapClassRow, HeapSnapshot } from '../../shared/heap/model';
import type { FunctionSearchHit, ItemKind, LabelKey, ItemSummary } from '../../shared/ipc/contract';
import type { FileFormat, ImportedItem } from '../../shared/import/result';
import type { ValueType } from '../../shared/profile/model';
import type { StackQueryOptions } from '../../shared/query/filters';
import type { WeightedStacks } from '../../shared/query/weighted-stacks';
import { withCheckpoint } from './batch-checkpoint';
import { itemLabels, setCaptureStart, sourceKindOf } from './capture-queries';
import { setCaptureTags, type CaptureTagChange } from './capture-tags';
import { searchFunctions } from './function-search';
import { itemFunctionTotals } from './item-function-totals-query';
import { gcEvents, gcLog, gcTotalsByProfile } from './gc-queries';
import { heapClasses, heapSnapshot, heapTotalsByProfile } from './heap-queries';
import { labelKeys } from './label-queries';
import { profilesWithSampleTimes, timedSamples, type StoredTimedSamples } from './sample-time-queries';
import { mergedStacks, sampleTypeId } from './stack-queries';
import { storeVersion } from './store-version';
import { sampleTypeIdOf, windowStacks } from './sample-window-queries';
import type { StoreAccess } from './store-file';
import { openStore } from './store-open';
import { recordedSpanNs } from './recorded-span';
import { writeGcLog } from './write-gc-log';
import { writeHeapSnapshot } from './write-heap-snapshot';
import { insertFileRow, storedItemIds, type FileOrigin, type ItemPlace, type StoredFile } from './write-item';
import { writeProfile } from './write-profile';
import { writeTransaction } from './write-lock';
import { writeStreamedFile, type OpenStreamedItem } from './write-streamed-file';

export type { FileOrigin } from './write-item';

/** An imported item ready to store; heap snapshots come with their analysis (computed off-thread). */
export type StorableItem =
  | Exclude<ImportedItem, { type: 'heap-snapshot' }>
  | { type: 'heap-snapshot'; name: string | null; snapshot: HeapSnapshot; analysis: HeapAnalysis };

interface ItemRow {
  id: number;
  name: string;
  item_name: string | null;
  format: string;
  kind: string;
  service: string | null;
  captured_at_ms: number | null;
  time_source: TimeSource;
  duration_ns: number | null;
  default_sample_type: number;
  imported_at_ms: number;
  content_hash: string;
  source: string;
}

interface SampleTypeRow {
  item: number;
  position: number;
  type: string;
  unit: string;
  total: number;
}

const ITEM_COLUMNS = `p.id, p.name, p.item_name, p.format, p.kind, p.service, p.captured_at_ms, p.time_source,
  p.duration_ns, p.default_sample_type, p.imported_at_ms, f.content_hash, f.source`;

export class ProfileStore {
  readonly db: Database.Database;
  readonly access: StoreAccess;

  /**
   * @param nativeBinding better-sqlite3's addon built for this runtime's ABI.
   *   Electron needs its own build (scripts/electron-sqlite.mjs) while the CLI
   *   and tests use the Node build in node_modules.
   * @param access 'read' opens an existing store read-only and never creates,
   *   migrates or writes it (store-open.ts); 'write' creates the store if needed.
   */
  constructor(path: string, nativeBinding?: string, access: StoreAccess = 'write') {
    this.access = access;
    this.db = openStore(path, access, nativeBinding);
  }

  /**
   * A writer leaves the store in rollback-journal mode when it is the last connection (switching back to WAL when
   * it opens), so that a read-only open of a store at rest finds no WAL to read and creates no -wal or -shm beside it.
   */
  close(): void {
    if (this.access === 'write' && this.db.open && this.db.name !== ':memory:') {
      try {
        this.db.pragma('busy_timeout = 0');
        this.db.pragma('journal_mode = DELETE');
      } catch {
        // Another connection has the store open: it stays in WAL mode, as that connection needs.
      }
    }
    this.db.close();
  }

  /** Catalogue ids of the items of the file with these bytes, or null when it is not stored. */
  findFile(contentHash: string): number[] | null {
    return storedItemIds(this.db, contentHash);
  }

  /**
   * Writes a file and all its items in one transaction; returns the existing ids when the bytes are stored.
   * `checkpoint` runs before each batch of rows written (batch-checkpoint.ts) and throws to cancel: the transaction
   * rolls back and the database file is left as it was.
   */
  addFile(origin: FileOrigin, items: StorableItem[], checkpoint?: () => void): StoredFile {
    const existing = this.findFile(origin.contentHash);
    if (existing !== null) return { ids: existing, duplicate: true };
    if (items.length === 0) throw new Error(`${origin.name}: nothing to import`);
    let duplicate = false;
    // Takes the write lock first, waiting while another process writes (write-lock.ts); that process may have
    // stored the same bytes meanwhile, so the check is made again under the lock.
    const write = (): number[] => {
      const stored = this.findFile(origin.contentHash);
      if (stored !== null) {
        duplicate = true;
        return stored;
      }
      const fileId = insertFileRow(this.db, origin);
      const fileSpanNs = recordedSpanNs(items);
      return items.map((item, part) => {
        const place: ItemPlace = {
          fileId,
          part,
          name: items.length > 1 && item.name ? `${origin.name} — ${item.name}` : origin.name,
          itemName: item.name,
          importTags: origin.importTags,
          fileSpanNs,
        };
        switch (item.type) {
          case 'profile':
            return writeProfile(this.db, item.profile, place);
          case 'gc-log':
            return writeGcLog(this.db, item.gcLog, origin.format, place);
          case 'heap-snapshot':
            return writeHeapSnapshot(this.db, item.snapshot, item.analysis, place);
        }
      });
    };
    const ids = withCheckpoint(this.db, checkpoint, () => writeTransaction(this.db, write));
    return { ids, duplicate };
  }

  /**
   * Writes a file of one item whose samples arrive while it is read (a large pprof), in one transaction the store
   * keeps open across `read`'s awaits (write-streamed-file.ts); `checkpoint` as for addFile. Returns the item's id,
   * or the stored items when another process stored the same bytes while this one waited for the write lock.
   */
  addStreamedFile(
    origin: FileOrigin,
    read: (openItem: OpenStreamedItem) => Promise<void>,
    checkpoint: () => void = () => {},
  ): Promise<StoredFile> {
    return writeStreamedFile(this.db, origin, read, checkpoint);
  }

  listItems(): ItemSummary[] {
    const rows = this.db
      .prepare(
        `SELECT ${ITEM_COLUMNS} FROM items p JOIN files f ON f.id = p.file
         ORDER BY p.imported_at_ms DESC, p.id DESC`,
      )
      .all() as ItemRow[];
    return this.summaries(rows, null);
  }

  /** Per capture, the totals of some functions of their default sample type (item-function-totals-query.ts). */
  itemFunctionTotals(
    ids: readonly number[],
    functions: readonly { name: string; file: string }[],
  ): Map<string, Map<number, number>> {
    return itemFunctionTotals(this.db, ids, functions);
  }

  /** The items with these ids that exist, in the order given: looked up by id, whatever the catalogue's size. */
  getItems(ids: readonly number[]): ItemSummary[] {
    if (ids.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT ${ITEM_COLUMNS} FROM json_each(?) AS j JOIN items p ON p.id = j.value JOIN files f ON f.id = p.file
         ORDER BY j.key`,
      )
      .all(JSON.stringify(ids)) as ItemRow[];
    return this.summaries(
      rows,
      rows.map((r) => r.id),
    );
  }

  /**
   * The items of one service, in catalogue order (items_by_service): what a service selection is resolved among.
   * Kept until the store changes (store-version.ts; never inside a transaction): one view of a window asks twice and every view of it again, and
   * summarising a service of 1,000 captures costs ~10 ms each time. A copy of the list is returned, its items frozen.
   */
  serviceItems(service: string): ItemSummary[] {
    const version = storeVersion(this.db);
    const kept = this.serviceItemsKept;
    if (kept !== null && kept.service === service && kept.version === version) return [...kept.items];
    // Frozen, nested objects too: every caller gets the same item objects, so none can change what the next reads.
    const items = this.readServiceItems(service).map(deepFrozen);
    this.serviceItemsKept = version === null ? null : { service, version, items };
    return [...items];
  }

  private serviceItemsKept: { service: string; version: string; items: ItemSummary[] } | null = null;

  private readServiceItems(service: string): ItemSummary[] {
    const rows = this.db
      .prepare(
        `SELECT ${ITEM_COLUMNS} FROM items p JOIN files f ON f.id = p.file WHERE p.service = ?
         ORDER BY p.imported_at_ms DESC, p.id DESC`,
      )
      .all(service) as ItemRow[];
    return this.summaries(
      rows,
      rows.map((r) => r.id),
    );
  }

  getProfile(id: number): ItemSummary | null {
    return this.getItems([id])[0] ?? null;
  }

  /** Sets the start of an item whose file states none (capture-queries.ts); false when there is no such item. */
  setCaptureStart(id: number, startMs: number): boolean {
    return setCaptureStart(this.db, id, startMs);
  }

  /** Renames or reassigns items (capture-tags.ts); returns the ids that name no item, and then writes nothing. */
  setCaptureTags(ids: readonly number[], change: CaptureTagChange): number[] {
    return setCaptureTags(this.db, ids, change);
  }

  sampleTypeId(profileId: number, position: number): number | null {
    return sampleTypeId(this.db, profileId, position);
  }

  /** Options: the store-level filters (label restriction, merging by line), see stack-queries.ts. */
  mergedStacks(profileIds: readonly number[], sampleTypeId: number, options: StackQueryOptions = {}): WeightedStacks {
    return mergedStacks(this.db, profileIds, sampleTypeId, options);
  }

  /** The store id of a sample type (shared by every item that has it), or null when no item has it. */
  sampleTypeIdOf(sampleType: ValueType): number | null {
    return sampleTypeIdOf(this.db, sampleType);
  }

  /** The stacks of an item's timed samples in [fromNs, toNs) since its start; null when its samples have no times. */
  windowStacks(
    profileId: number,
    sampleTypeId: number,
    cut: { fromNs: number; toNs: number },
    options: StackQueryOptions = {},
  ): WeightedStacks | null {
    return windowStacks(this.db, profileId, sampleTypeId, cut, options);
  }

  /** A profile's sample label keys with up to `maxValues` values each (label-queries.ts). */
  /** The sample label keys of the items, each value with the number of distinct stacks (over all of them) it is on. */
  labelKeys(itemIds: readonly number[], maxValues: number): LabelKey[] {
    return labelKeys(this.db, itemIds, maxValues);
  }

  /** Catalogue-wide function search (function-search.ts); indexes items not indexed yet first. */
  searchFunctions(query: string, limit: number): FunctionSearchHit[] {
    return searchFunctions(this.db, query, limit);
  }

  /** A profile's samples in time order with their stacks (sample-time-queries.ts); null when they have no times. */
  timedSamples(profileId: number, query: StackQueryOptions = {}): StoredTimedSamples | null {
    return timedSamples(this.db, profileId, query);
  }

  gcLog(profileId: number): GcLog | null {
    return gcLog(this.db, profileId);
  }

  gcEvents(profileId: number): GcEvent[] {
    return gcEvents(this.db, profileId);
  }

  heapClasses(profileId: number, limit: number): HeapClassRow[] {
    return heapClasses(this.db, profileId, limit);
  }

  heapSnapshot(profileId: number): ReturnType<typeof heapSnapshot> {
    return heapSnapshot(this.db, profileId);
  }

  /** Catalogue rows with their sample types, totals and labels; `ids`: only those items' (null: the whole catalogue). */
  private summaries(rows: ItemRow[], ids: readonly number[] | null): ItemSummary[] {
    if (rows.length === 0) return [];
    const types = this.sampleTypesByProfile(ids);
    const gc = rows.some((r) => r.kind === 'gc-log') ? gcTotalsByProfile(this.db, ids) : new Map();
    const heap = rows.some((r) => r.kind === 'heap-snapshot') ? heapTotalsByProfile(this.db, ids) : new Map();
    const withTimes = profilesWithSampleTimes(
      this.db,
      rows.map((r) => r.id),
    );
    const labels = itemLabels(this.db, ids ?? undefined);
    return rows.map((row) => {
      const sampleTypes = types.get(row.id) ?? [];
      return {
        id: row.id,
        name: row.name,
        item: row.item_name,
        format: row.format as FileFormat,
        kind: row.kind as ItemKind,
        service: row.service,
        capturedAtMs: row.captured_at_ms,
        durationNs: row.duration_ns,
        timeSource: row.time_source,
        labels: labels.get(row.id) ?? {},
        source: sourceKindOf(row.source),
        sampleTypes: sampleTypes.map((t): ValueType => ({ type: t.type, unit: t.unit })),
        totals: sampleTypes.map((t) => t.total),
        defaultSampleType: row.default_sample_type,
        gc: row.kind === 'gc-log' ? (gc.get(row.id) ?? { gcEvents: 0, totalPauseMs: 0 }) : null,
        heap: row.kind === 'heap-snapshot' ? (heap.get(row.id) ?? null) : null,
        importedAtMs: row.imported_at_ms,
        contentHash: row.content_hash,
        hasSampleTimes: withTimes.has(row.id),
      };
    });
  }

  private sampleTypesByProfile(ids: readonly number[] | null): Map<number, SampleTypeRow[]> {
    const rows = this.db
      .prepare(
        `SELECT pst.item, pst.position, st.type, st.unit, pst.total
         FROM item_sample_types pst JOIN sample_types st ON st.id = pst.sample_type
         ${ids === null ? '' : 'WHERE pst.item IN (SELECT value FROM json_each(?))'}
         ORDER BY pst.item, pst.position`,
      )
      .all(...(ids === null ? [] : [JSON.stringify(ids)])) as SampleTypeRow[];
    const byProfile = new Map<number, SampleTypeRow[]>();
    for (const row of rows) {
      const list = byProfile.get(row.item) ?? [];
      list.push(row);
      byProfile.set(row.item, list);
    }
    return byProfile;
  }
}

/** `value` with every object it holds frozen, itself included (a kept answer shared between callers). */
function deepFrozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const field of Object.values(value)) deepFrozen(field);
    Object.freeze(value);
  }
  return value;
}
