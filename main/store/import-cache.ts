/**
 * Page cache while an item is written, in KiB (negative: SQLite's unit).
 * A large profile dirties about 100 MB of pages (deep-go.pb.gz: 63 MB of stack
 * blobs, 25 MB of values); with better-sqlite3's default 16 MB, most of them
 * are spilled to the WAL before the commit and the lookups of the next import
 * re-read them. 64 MB measured slightly faster than 16 MB; more gained nothing.
 * Since every item writes its stack cache too, 32 MB: on deep-go.pb.gz it took
 * 25–35 MB off the import's peak memory (64 MB: 221–232 MB, 32 MB: 188–196 MB)
 * with no measurable cost in time on the loaded 2-core machine it was
 * measured on. The connection's own setting is restored afterwards.
 */
import type Database from 'better-sqlite3';

const IMPORT_CACHE_KIB = 32_768;

/** Raises the connection's page cache to IMPORT_CACHE_KIB (when smaller) until `restore` is called. */
export function raiseImportCache(db: Database.Database): () => void {
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  // Positive sizes count pages, negative ones KiB.
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const cacheKib = cacheSize < 0 ? -cacheSize : (cacheSize * pageSize) / 1024;
  if (cacheKib < IMPORT_CACHE_KIB) db.pragma(`cache_size = ${-IMPORT_CACHE_KIB}`);
  return () => db.pragma(`cache_size = ${cacheSize}`);
}
