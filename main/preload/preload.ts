/**
 * Preload (bundled to dist/main/preload.cjs; runs sandboxed, context-isolated).
 * Exposes window.kiln and nothing else.
 *
 * DO NOT expose ipcRenderer, a generic invoke/send, event objects, getters or
 * process.env here: everything the renderer can reach goes through buildPreloadApi.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildPreloadApi } from './api';

contextBridge.exposeInMainWorld(
  'kiln',
  buildPreloadApi(
    (channel, args) => ipcRenderer.invoke(channel, args),
    (file) => webUtils.getPathForFile(file),
  ),
);
