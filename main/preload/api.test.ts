import { describe, expect, it, vi } from 'vitest';
import { KILN_METHODS, type KilnMethod } from '../../shared/ipc/contract';
import { buildPreloadApi } from './api';

function build() {
  const invoke = vi.fn(async (channel: string, args: unknown) => ({ ok: true, value: { channel, args } }));
  const getPathForFile = vi.fn((_file: File) => '/home/me/profile.pb.gz');
  return { api: buildPreloadApi(invoke, getPathForFile), invoke, getPathForFile };
}

describe('buildPreloadApi', () => {
  it('has exactly the contract methods plus pathForFile, all functions', () => {
    const { api } = build();
    expect(Object.keys(api).sort()).toEqual([...KILN_METHODS, 'pathForFile'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('exposes no ipcRenderer, generic invoke/send, process or env', () => {
    const { api } = build();
    for (const key of ['ipcRenderer', 'invoke', 'send', 'on', 'process', 'env', 'require']) {
      expect(key in api, key).toBe(false);
    }
    expect(Object.getPrototypeOf(api)).toBe(Object.prototype);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('forwards each method to its own kiln:<method> channel with exactly its argument', async () => {
    const { api, invoke } = build();
    const argsFor = {
      listItems: {},
      getFlameTree: { selection: { items: [1] }, sampleType: 0 },
      getSearchTotal: { selection: { items: [1] }, sampleType: 0, query: 'sha256' },
      getTopFunctions: { selection: { items: [1, 2] }, sampleType: 0, limit: 5 },
      importPaths: { paths: ['/tmp/a.pb'] },
      importUpload: { fileName: 'a.pb', bytes: new Uint8Array([1, 2]) },
      getImportJobs: {},
      cancelImport: { jobId: 'drop-1' },
      setCaptureStart: { itemId: 1, startMs: 1_700_000_000_000 },
      getGcSummary: { itemId: 2 },
      getGcEvents: { itemId: 2 },
      getHeapClasses: { itemId: 3, limit: 10 },
      getHeapRetainers: { itemId: 3, className: 'Leak', maxPaths: 2 },
      getSandwich: {
        selection: { items: [1] },
        base: { items: [2] },
        sampleType: 0,
        functionName: 'main',
        filters: 'hide:runtime',
      },
      getStackChart: { selection: { items: [1] }, widthPx: 800 },
      searchFunctions: { query: 'malloc', limit: 50 },
      getLabelKeys: { selection: { items: [1] } },
    } as const satisfies Record<KilnMethod, unknown>;
    for (const method of KILN_METHODS) {
      invoke.mockClear();
      const call = api[method] as (args: unknown) => Promise<unknown>;
      const result = await call(argsFor[method]);
      expect(invoke).toHaveBeenCalledTimes(1);
      expect(invoke).toHaveBeenCalledWith(`kiln:${method}`, argsFor[method]);
      expect(result).toEqual({ channel: `kiln:${method}`, args: argsFor[method] });
    }
  });

  it('passes no extra arguments through', async () => {
    const { api, invoke } = build();
    await (api.listItems as (...args: unknown[]) => Promise<unknown>)({}, 'extra', () => 0);
    expect(invoke.mock.calls[0]).toEqual(['kiln:listItems', {}]);
  });

  it('turns an error reply into a rejected plain Error with the message', async () => {
    const invoke = vi.fn(async () => ({
      ok: false,
      error: 'getFlameTree: selection.items must be non-negative integers',
    }));
    const api = buildPreloadApi(invoke, () => '');
    await expect(api.getFlameTree({ selection: { items: [-1] }, sampleType: 0 })).rejects.toThrow(
      'getFlameTree: selection.items must be non-negative integers',
    );
  });

  it('rejects a malformed reply', async () => {
    const api = buildPreloadApi(
      async () => 'surprise',
      () => '',
    );
    await expect(api.listItems({})).rejects.toThrow(/malformed reply/);
  });

  it('gets a dropped file path through getPathForFile', () => {
    const { api, getPathForFile } = build();
    const file = new File(['x'], 'profile.pb.gz');
    expect(api.pathForFile(file)).toBe('/home/me/profile.pb.gz');
    expect(getPathForFile).toHaveBeenCalledWith(file);
  });
});
