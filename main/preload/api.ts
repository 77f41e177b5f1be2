/**
 * The object the preload exposes as `window.kiln`: exactly one function per
 * contract method, each invoking its own `kiln:<method>` channel with the one
 * argument it was given, plus `pathForFile`. No ipcRenderer, no generic
 * invoke, no event objects, no process or env (checklist #20).
 *
 * Pure: the preload entry passes ipcRenderer.invoke and webUtils.getPathForFile.
 */
import { KILN_METHODS, type KilnBridge as ContractBridge } from '../../shared/ipc/contract';
import { channelFor, unwrapReply } from '../app/channels';

/** `window.kiln` as the renderer sees it. */
export type KilnBridge = ContractBridge<File>;

export type Invoke = (channel: string, args: unknown) => Promise<unknown>;
export type GetPathForFile = (file: File) => string;

export function buildPreloadApi(invoke: Invoke, getPathForFile: GetPathForFile): KilnBridge {
  const api: Record<string, unknown> = {};
  for (const method of KILN_METHODS) {
    const channel = channelFor(method);
    api[method] = async (args: unknown) => unwrapReply(await invoke(channel, args));
  }
  api['pathForFile'] = (file: File) => getPathForFile(file);
  return Object.freeze(api) as KilnBridge;
}
