/**
 * IPC channel names and the reply envelope shared by the main-process handlers
 * (main/app/ipc.ts) and the preload (main/preload). No electron import: both
 * sides, and their unit tests, use it as plain TypeScript.
 */
import type { KilnMethod } from '../../shared/ipc/contract';

/** Every Kiln channel starts with this prefix; nothing else is handled or invoked. */
export const KILN_CHANNEL_PREFIX = 'kiln:';

/** `kiln:listItems`, `kiln:getFlameTree`, … one channel per contract method. */
export function channelFor(method: KilnMethod): string {
  return KILN_CHANNEL_PREFIX + method;
}

/** The preload sends the path of a File the user dropped or opened; main answers a handle (main/app/file-handles.ts). */
export const FILE_HANDLE_CHANNEL = 'kiln:fileHandle';

/** Imports files by the handles main gave for them. */
export const IMPORT_HANDLES_CHANNEL = 'kiln:importHandles';

/**
 * What a handler sends back. Electron would wrap a thrown error's message in
 * "Error invoking remote method 'kiln:…': Error: …"; an envelope lets the
 * preload rethrow a plain Error carrying only our message.
 */
export type IpcReply<T> = { ok: true; value: T } | { ok: false; error: string };

/** Turns a reply into its value, or throws a plain Error with the handler's message. */
export function unwrapReply<T>(reply: unknown): T {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    if (reply.ok === true && 'value' in reply) return reply.value as T;
    if (reply.ok === false && 'error' in reply && typeof reply.error === 'string') throw new Error(reply.error);
  }
  throw new Error('malformed reply from the Kiln main process');
}
