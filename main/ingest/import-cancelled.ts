/**
 * The one way an import stops on the user's request: thrown at a cancellation
 * check (between chunks, between write batches), it unwinds the import and
 * rolls back the store transaction if one is open. The class is the streaming
 * pprof decoder's, so the whole import has one.
 */
export { ImportCancelled } from '../../shared/import/pprof/stream';

/** True for a cancellation however it reached us (thrown here, by the decoder, or across a thread boundary). */
export function isImportCancelled(error: unknown): boolean {
  return error instanceof Error && error.name === 'ImportCancelled';
}

/** A cancellation flag shared with the ingest worker: one Int32 in a SharedArrayBuffer, set with Atomics. */
export function newCancelFlag(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}

export function setCancelled(flag: Int32Array): void {
  Atomics.store(flag, 0, 1);
}

export function isSet(flag: Int32Array): boolean {
  return Atomics.load(flag, 0) !== 0;
}
