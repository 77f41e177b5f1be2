import { describe, expect, it, vi } from 'vitest';
import { IPC_METHODS, KILN_METHODS, type KilnMethod } from '../../shared/ipc/contract';
import { buildPreloadApi } from './api';

function build() {
  const invoke = vi.fn(async (channel: string, args: unknown) => ({ ok: true, value: { channel, args } }));
  const getPathForFile = vi.fn((_file: File) => '/home/me/profile.pb.gz');
  return { api: buildPreloadApi(invoke, getPathForFile), invoke, getPathForFile };
}

describe('buildPreloadApi', () => {
  it('has exactly the IPC methods plus fileHandle and importHandles, all functions, and no importPaths', () => {
    const { api } = build();
    expect(Object.keys(api).sort()).toEqual([...IPC_METHODS, 'fileHandle', 'importHandles'].sort());
    expect(Object.keys(api)).toHaveLength(KILN_METHODS.length + 1);
    expect('importPaths' in api).toBe(false);
    expect('pathForFile' in api).toBe(false);
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
      importUpload: { fileName: 'a.pb', bytes: new Uint8Array([1, 2]) },
      getImportJobs: {},
      cancelImport: { jobId: 'drop-1' },
      setCaptureStart: { itemId: 1, startMs: 1_700_000_000_000 },
      setCaptureTags: { itemIds: [1], service: 'checkout' },
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
      getWindowSummary: { selection: { items: [1] } },
      getDiff: {
        base: { items: [1] },
        target: { items: [2] },
        sampleType: 0,
        mode: 'absolute',
        limit: 10,
        layout: 'union',
      },
      getTimeline: { service: 'checkout' },
      getTimelineSeries: { service: 'checkout' },
      addAnnotation: { service: 'checkout', atMs: 1_700_000_000_000, label: 'deploy' },
      updateAnnotation: { id: 1, label: 'deploy v2' },
      deleteAnnotation: { id: 1 },
      importAnnotations: { fileName: 'deploys.csv', text: '1700000000000,deploy', service: 'checkout' },
      getLeaks: { selection: { service: 'api', window: { startMs: 1, endMs: 2 } }, limit: 20 },
      getAllocationTimeline: { selection: { items: [1, 2, 3] }, top: 8 },
      getHeapDiff: { itemIds: [3, 4, 5], limit: 50 },
      getDominatorTree: { itemId: 3, nodeId: 1, limit: 50 },
      getGcWindows: { selection: { items: [2] }, windows: 10 },
      getFindings: { selection: { items: [1, 2] }, base: { items: [3] } },
    } as const satisfies Record<Exclude<KilnMethod, 'importPaths'>, unknown>;
    for (const method of IPC_METHODS.filter((m) => m !== 'importPaths') as (keyof typeof argsFor)[]) {
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

  it('resolves a File with getPathForFile and sends only that path, on the fileHandle channel', async () => {
    const invoke = vi.fn(async (_channel: string, _args: unknown) => ({
      ok: true,
      value: { handle: 'h'.repeat(22), name: 'profile.pb.gz' },
    }));
    const getPathForFile = vi.fn((_file: File) => '/home/me/profile.pb.gz');
    const api = buildPreloadApi(invoke, getPathForFile);
    const file = new File(['x'], 'profile.pb.gz');
    await expect(api.fileHandle(file)).resolves.toEqual({ handle: 'h'.repeat(22), name: 'profile.pb.gz' });
    expect(getPathForFile).toHaveBeenCalledWith(file);
    expect(invoke.mock.calls).toEqual([['kiln:fileHandle', { path: '/home/me/profile.pb.gz' }]]);
  });

  it('refuses a File with no path on disk without asking main', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: 'should not be reached' }));
    const api = buildPreloadApi(invoke, () => '');
    await expect(api.fileHandle(new File(['x'], 'made-by-script.pb'))).resolves.toBeNull();
    expect(invoke).not.toHaveBeenCalled();
  });

  it('imports handles on the importHandles channel', async () => {
    const { api, invoke } = build();
    const args = { handles: ['h'.repeat(22)], jobId: 'drop-1' };
    await api.importHandles(args);
    expect(invoke.mock.calls).toEqual([['kiln:importHandles', args]]);
  });
});
