/** V8 heap snapshots (.heapsnapshot): detection from the first bytes, and the importer. */
export { looksLikeHeapSnapshot } from './detect';
export { importHeapSnapshot } from './import';
