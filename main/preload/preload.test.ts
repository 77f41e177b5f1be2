import { beforeEach, describe, expect, it, vi } from 'vitest';

/** MOCK of the electron module: the preload entry's only dependencies, recorded. No Electron binary runs here. */
const electronMock = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async (_channel: string, _args: unknown) => ({ ok: true, value: 'reply' })) },
  webUtils: { getPathForFile: vi.fn((_file: unknown) => '/picked/file.pb') },
}));
vi.mock('electron', () => electronMock);

describe('preload entry', () => {
  beforeEach(() => {
    vi.resetModules();
    electronMock.contextBridge.exposeInMainWorld.mockClear();
    electronMock.ipcRenderer.invoke.mockClear();
  });

  it('exposes one object, window.kiln, and nothing else', async () => {
    await import('./preload');
    expect(electronMock.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, api] = electronMock.contextBridge.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(key).toBe('kiln');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('wires methods to ipcRenderer.invoke and fileHandle to webUtils.getPathForFile', async () => {
    await import('./preload');
    const [, api] = electronMock.contextBridge.exposeInMainWorld.mock.calls[0] as [
      string,
      { listItems(args: object): Promise<unknown>; fileHandle(file: unknown): Promise<unknown> },
    ];
    await expect(api.listItems({})).resolves.toBe('reply');
    expect(electronMock.ipcRenderer.invoke).toHaveBeenCalledWith('kiln:listItems', {});
    await expect(api.fileHandle('file')).resolves.toBe('reply');
    expect(electronMock.webUtils.getPathForFile).toHaveBeenCalledWith('file');
    expect(electronMock.ipcRenderer.invoke).toHaveBeenLastCalledWith('kiln:fileHandle', { path: '/picked/file.pb' });
    expect(api).not.toHaveProperty('importPaths');
  });
});
