import { afterEach, describe, expect, it, vi } from 'vitest';
import { HTTP_METHODS, IPC_METHODS, type KilnMethod } from '../../shared/ipc/contract';
import { createElectronBackend } from './electronBackend';
import { createHttpBackend } from './httpBackend';
import type { KilnBridge } from './kilnBridge';

/** Arguments each method is called with here; the transports pass them on untouched. */
const ARGS: Record<KilnMethod, unknown> = {
  listItems: {},
  getFlameTree: { selection: { items: [1] }, sampleType: 0 },
  getSearchTotal: { selection: { items: [1] }, sampleType: 0, query: 'sha256' },
  getTopFunctions: { selection: { items: [1, 2] }, base: { items: [3] }, sampleType: 0, limit: 5 },
  importPaths: { paths: ['/tmp/a.pb.gz'] },
  importUpload: { fileName: 'a.txt', bytes: new Uint8Array([1]) },
  getImportJobs: {},
  cancelImport: { jobId: 'drop-1' },
  setCaptureStart: { itemId: 1, startMs: 1_700_000_000_000 },
  setCaptureTags: { itemIds: [1, 2], service: 'checkout', labels: { version: 'v2' } },
  getGcSummary: { itemId: 2 },
  getGcEvents: { itemId: 2 },
  getHeapClasses: { itemId: 3, limit: 500 },
  getHeapRetainers: { itemId: 3, className: 'Map', maxPaths: 5 },
  getSandwich: { selection: { items: [1] }, sampleType: 0, functionName: 'main' },
  getStackChart: { selection: { items: [1] }, widthPx: 800, startNs: 0, endNs: 1e9 },
  searchFunctions: { query: 'malloc', limit: 50 },
  getLabelKeys: { selection: { service: 'api', window: { startMs: 1, endMs: 2 } } },
  getWindowSummary: { selection: { service: 'api', window: { startMs: 1, endMs: 2 } } },
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
};

type Callable = (args: unknown) => Promise<unknown>;

describe('electron backend', () => {
  it('forwards every IPC method to the same method of window.kiln', async () => {
    const calls: [string, unknown][] = [];
    const bridge = Object.fromEntries(
      IPC_METHODS.map((m) => [m, async (args: unknown) => (calls.push([m, args]), `${m} result`)]),
    ) as unknown as KilnBridge;
    const backend = createElectronBackend(bridge);
    for (const method of IPC_METHODS) {
      await expect((backend[method] as Callable)(ARGS[method])).resolves.toBe(`${method} result`);
    }
    expect(calls).toEqual(IPC_METHODS.map((m) => [m, ARGS[m]]));
  });

  it('offers no import by path: the page names no paths', async () => {
    const bridge = { importPaths: vi.fn() } as unknown as KilnBridge;
    await expect(createElectronBackend(bridge).importPaths({ paths: ['/etc/passwd'] })).rejects.toThrow(
      /not offered to the page/,
    );
    expect(IPC_METHODS).not.toContain('importPaths');
  });
});

describe('HTTP backend', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('posts every JSON method to /api/call/<method> with the token', async () => {
    const requests: { method: string; url: string; headers: Record<string, string>; body: string }[] = [];
    // A stand-in for the browser's XMLHttpRequest (this test runs in Node): it records the request and answers 200.
    class RecordingRequest {
      status = 0;
      responseText = '';
      responseType = '';
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      private sent = { method: '', url: '', headers: {} as Record<string, string> };
      open(method: string, url: string): void {
        this.sent = { method, url, headers: {} };
      }
      setRequestHeader(name: string, value: string): void {
        this.sent.headers[name] = value;
      }
      send(body: string): void {
        requests.push({ ...this.sent, body });
        this.status = 200;
        this.responseText = JSON.stringify({ ok: this.sent.url });
        queueMicrotask(() => this.onload?.());
      }
    }
    vi.stubGlobal('XMLHttpRequest', RecordingRequest);
    const backend = createHttpBackend('secret');
    // importUpload goes to /api/upload as raw bytes, not through /api/call.
    const jsonMethods = HTTP_METHODS.filter((m) => m !== 'importUpload');
    for (const method of jsonMethods) {
      await expect((backend[method] as Callable)(ARGS[method])).resolves.toEqual({ ok: `/api/call/${method}` });
    }
    expect(requests.map((r) => r.url)).toEqual(jsonMethods.map((m) => `/api/call/${m}`));
    for (const { url, method: verb, headers, body } of requests) {
      const method = url.slice('/api/call/'.length) as KilnMethod;
      expect(verb).toBe('POST');
      expect(headers['Authorization']).toBe('Bearer secret');
      expect(JSON.parse(body)).toEqual(ARGS[method]);
    }
    expect(jsonMethods).toEqual(
      expect.arrayContaining(['getGcSummary', 'getGcEvents', 'getHeapClasses', 'getHeapRetainers']),
    );
  });
});
