/**
 * The object the preload exposes as `window.kiln`: exactly one function per IPC method (the contract's methods
 * but importPaths), each invoking its own `kiln:<method>` channel with the one argument it was given, plus
 * `fileHandle` and `importHandles` for files the user chose. No method takes a path: `fileHandle` takes a File
 * and resolves its path here, in the isolated world, so the page never names one. No ipcRenderer, no generic
 * invoke, no event objects, no process or env (checklist #20).
 *
 * Pure: the preload entry passes ipcRenderer.invoke and webUtils.getPathForFile.
 */
import { IPC_METHODS, type ChosenFile, type KilnBridge as ContractBridge } from '../../shared/ipc/contract';
import { channelFor, FILE_HANDLE_CHANNEL, IMPORT_HANDLES_CHANNEL, unwrapReply } from '../app/channels';

/** `window.kiln` as the renderer sees it. */
export type KilnBridge = ContractBridge<File>;

export type Invoke = (channel: string, args: unknown) => Promise<unknown>;
export type GetPathForFile = (file: File) => string;

export function buildPreloadApi(invoke: Invoke, getPathForFile: GetPathForFile): KilnBridge {
  const api: Record<string, unknown> = {};
  for (const method of IPC_METHODS) {
    const channel = channelFor(method);
    api[method] = async (args: unknown) => unwrapReply(await invoke(channel, args));
  }
  // getPathForFile gives '' for a File that is not on disk (made by script, dragged from another app's
  // memory): nothing is sent to main, and the renderer imports such a file by its bytes instead.
  api['fileHandle'] = async (file: File): Promise<ChosenFile | null> => {
    const path = getPathForFile(file);
    if (path === '') return null;
    return unwrapReply<ChosenFile>(await invoke(FILE_HANDLE_CHANNEL, { path }));
  };
  api['importHandles'] = async (args: unknown) => unwrapReply(await invoke(IMPORT_HANDLES_CHANNEL, args));
  return Object.freeze(api) as KilnBridge;
}
