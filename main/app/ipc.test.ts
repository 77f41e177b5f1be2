import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi, type Mock } from 'vitest';
import { IPC_METHODS, type KilnMethod, type KilnServices } from '../../shared/ipc/contract';
import { channelFor } from './channels';
import { FileHandleRegistry } from './file-handles';
import {
  createInvokeHandler,
  describeSender,
  isTrustedSender,
  registerIpc,
  type ExpectedSender,
  type IpcOptions,
} from './ipc';
import { APP_ORIGIN } from './protocol';

const expected: ExpectedSender = { appOrigin: APP_ORIGIN, webContentsId: 7 };
const good = { frameUrl: 'kiln://app/index.html', isMainFrame: true, webContentsId: 7 };

describe('isTrustedSender', () => {
  it('accepts the main frame of our window on an app page', () => {
    expect(isTrustedSender(good, expected)).toBe(true);
    expect(isTrustedSender({ ...good, frameUrl: 'kiln://app/index.html#/flame' }, expected)).toBe(true);
  });

  it('rejects a wrong frame URL', () => {
    for (const frameUrl of [
      'https://evil.example/',
      'file:///opt/kiln/dist/renderer/index.html',
      'kiln://evil/index.html',
      'data:text/html,x',
      'about:blank',
      'garbage',
      null,
    ]) {
      expect(isTrustedSender({ ...good, frameUrl }, expected), String(frameUrl)).toBe(false);
    }
  });

  it('rejects a subframe, even one on an app page', () => {
    expect(isTrustedSender({ ...good, isMainFrame: false }, expected)).toBe(false);
  });

  it('rejects another web contents (a second window, DevTools)', () => {
    expect(isTrustedSender({ ...good, webContentsId: 8 }, expected)).toBe(false);
  });

  it('rejects everything while there is no window', () => {
    expect(isTrustedSender(good, null)).toBe(false);
  });
});

/** FAKE IpcMainInvokeEvent with the fields describeSender reads. */
function fakeEvent(
  options: { url?: string; webContentsId?: number; subframe?: boolean; destroyed?: boolean; noFrame?: boolean } = {},
): IpcMainInvokeEvent {
  const mainFrame = { processId: 3, routingId: 1 };
  const frame = {
    url: options.url ?? 'kiln://app/index.html',
    parent: options.subframe ? mainFrame : null,
    processId: 3,
    routingId: options.subframe ? 2 : 1,
    isDestroyed: () => options.destroyed ?? false,
  };
  return {
    sender: { id: options.webContentsId ?? 7, mainFrame },
    senderFrame: options.noFrame ? null : frame,
  } as unknown as IpcMainInvokeEvent;
}

describe('describeSender', () => {
  it('reads the frame URL, main-frame-ness and web contents id', () => {
    expect(describeSender(fakeEvent())).toEqual(good);
    expect(describeSender(fakeEvent({ subframe: true })).isMainFrame).toBe(false);
  });

  it('reads a missing or destroyed frame as untrusted', () => {
    expect(describeSender(fakeEvent({ noFrame: true }))).toEqual({
      frameUrl: null,
      isMainFrame: false,
      webContentsId: 7,
    });
    expect(describeSender(fakeEvent({ destroyed: true })).frameUrl).toBeNull();
  });
});

type ServiceMocks = { [M in KilnMethod]: Mock<KilnServices[M]> };

/** FAKE services: each method a recording mock. */
function fakeServices(): ServiceMocks {
  return {
    listItems: vi.fn<KilnServices['listItems']>(async () => []),
    getFlameTree: vi.fn<KilnServices['getFlameTree']>(async () => {
      throw new Error('no profile with id 99');
    }),
    getSearchTotal: vi.fn<KilnServices['getSearchTotal']>(async () => ({ matched: 0, selectionTotal: 0 })),
    getTopFunctions: vi.fn<KilnServices['getTopFunctions']>(async () => ({
      total: 2,
      rows: [{ function: 'main', file: 'a.go', self: 1, total: 2 }],
    })),
    importPaths: vi.fn<KilnServices['importPaths']>(async () => ({ imported: [], errors: [] })),
    importUpload: vi.fn<KilnServices['importUpload']>(async () => ({ imported: [], errors: [] })),
    getImportJobs: vi.fn<KilnServices['getImportJobs']>(async () => []),
    cancelImport: vi.fn<KilnServices['cancelImport']>(async () => ({ cancelled: false })),
    setCaptureStart: vi.fn<KilnServices['setCaptureStart']>(async () => {
      throw new Error('no item with id 1');
    }),
    getGcSummary: vi.fn<KilnServices['getGcSummary']>(async () => {
      throw new Error('no GC log with id 1');
    }),
    getGcEvents: vi.fn<KilnServices['getGcEvents']>(async () => []),
    getHeapClasses: vi.fn<KilnServices['getHeapClasses']>(async () => []),
    getStackChart: vi.fn<KilnServices['getStackChart']>(async () => {
      throw new Error('no profile');
    }),
    getSandwich: vi.fn<KilnServices['getSandwich']>(async () => {
      throw new Error('no function');
    }),
    getHeapRetainers: vi.fn<KilnServices['getHeapRetainers']>(async () => ({
      className: 'X',
      instance: null,
      paths: [],
    })),
    searchFunctions: vi.fn<KilnServices['searchFunctions']>(async () => []),
    getLabelKeys: vi.fn<KilnServices['getLabelKeys']>(async () => []),
    getWindowSummary: vi.fn<KilnServices['getWindowSummary']>(async () => {
      throw new Error('not here');
    }),
    getDiff: vi.fn<KilnServices['getDiff']>(async () => {
      throw new Error('not here');
    }),
    getLeaks: vi.fn<KilnServices['getLeaks']>(async () => {
      throw new Error('not here');
    }),
    getAllocationTimeline: vi.fn<KilnServices['getAllocationTimeline']>(async () => {
      throw new Error('not here');
    }),
    getHeapDiff: vi.fn<KilnServices['getHeapDiff']>(async () => {
      throw new Error('not here');
    }),
    getDominatorTree: vi.fn<KilnServices['getDominatorTree']>(async () => {
      throw new Error('not here');
    }),
    getGcWindows: vi.fn<KilnServices['getGcWindows']>(async () => {
      throw new Error('not here');
    }),
    getFindings: vi.fn<KilnServices['getFindings']>(async () => {
      throw new Error('not here');
    }),
    setCaptureTags: vi.fn<KilnServices['setCaptureTags']>(async () => []),
    getTimeline: vi.fn<KilnServices['getTimeline']>(async () => ({ services: [] })),
    getTimelineSeries: vi.fn<KilnServices['getTimelineSeries']>(async () => ({ captures: [], gc: [] })),
    addAnnotation: vi.fn<KilnServices['addAnnotation']>(async () => {
      throw new Error('not here');
    }),
    updateAnnotation: vi.fn<KilnServices['updateAnnotation']>(async () => {
      throw new Error('not here');
    }),
    deleteAnnotation: vi.fn<KilnServices['deleteAnnotation']>(async () => ({ deleted: false })),
    importAnnotations: vi.fn<KilnServices['importAnnotations']>(async () => ({ imported: 0 })),
  };
}

interface TestOptions extends IpcOptions {
  services: ServiceMocks;
  logger: { warn: Mock<(message: string) => void>; error: Mock<(message: string, error: unknown) => void> };
}

function options(services = fakeServices()): TestOptions {
  return {
    services,
    expectedSender: () => expected,
    fileHandles: new FileHandleRegistry(),
    logger: { warn: vi.fn<(message: string) => void>(), error: vi.fn<(message: string, error: unknown) => void>() },
  };
}

describe('createInvokeHandler', () => {
  it('calls the service with validated arguments and wraps the result', async () => {
    const opts = options();
    const handler = createInvokeHandler('getTopFunctions', opts);
    const reply = await handler(fakeEvent(), { selection: { items: [1] }, sampleType: 0, limit: 10 });
    expect(reply).toEqual({
      ok: true,
      value: { total: 2, rows: [{ function: 'main', file: 'a.go', self: 1, total: 2 }] },
    });
    expect(opts.services.getTopFunctions).toHaveBeenCalledWith({ selection: { items: [1] }, sampleType: 0, limit: 10 });
  });

  it('rejects invalid arguments through validateArgs without calling the service', async () => {
    const opts = options();
    const cases: [KilnMethod, unknown][] = [
      ['getTopFunctions', { selection: { items: [-1] }, sampleType: 0, limit: 10 }],
      ['getTopFunctions', { selection: { items: [1] }, sampleType: 0, limit: 0 }],
      ['getFlameTree', { selection: { items: ['1'] }, sampleType: 0 }],
      ['getFlameTree', { itemId: 1, sampleType: 0 }],
      ['listItems', { extra: true }],
      ['listItems', undefined],
      ['importUpload', { fileName: '../../etc/passwd', bytes: new Uint8Array(1) }],
      ['importUpload', { fileName: 'a.pb', bytes: [1, 2, 3] }],
    ];
    for (const [method, raw] of cases) {
      const reply = await createInvokeHandler(method, opts)(fakeEvent(), raw);
      expect(reply.ok, `${method} ${JSON.stringify(raw)}`).toBe(false);
      if (!reply.ok) expect(reply.error.startsWith(`${method}: `)).toBe(true);
      expect(opts.services[method]).not.toHaveBeenCalled();
    }
    expect(opts.logger.error).not.toHaveBeenCalled();
  });

  it('refuses untrusted senders by throwing, before validation or the service', async () => {
    const opts = options();
    const handler = createInvokeHandler('listItems', opts);
    for (const event of [
      fakeEvent({ url: 'https://evil.example/' }),
      fakeEvent({ subframe: true }),
      fakeEvent({ webContentsId: 8 }),
      fakeEvent({ noFrame: true }),
    ]) {
      await expect(handler(event, {})).rejects.toThrow(/untrusted sender/);
    }
    expect(opts.services.listItems).not.toHaveBeenCalled();
    expect(opts.logger.warn).toHaveBeenCalledTimes(4);
  });

  it('sends back only the message of a service error and logs the error in main', async () => {
    const opts = options();
    const reply = await createInvokeHandler('getFlameTree', opts)(fakeEvent(), {
      selection: { items: [99] },
      sampleType: 0,
    });
    expect(reply).toEqual({ ok: false, error: 'no profile with id 99' });
    expect(opts.logger.error).toHaveBeenCalledTimes(1);
  });

  it('answers a NotFoundError from a service without logging it', async () => {
    const services = fakeServices();
    services.getFlameTree.mockImplementation(async () => {
      throw Object.assign(new Error('no profile with id 5'), { name: 'NotFoundError' });
    });
    const opts = options(services);
    const reply = await createInvokeHandler('getFlameTree', opts)(fakeEvent(), {
      selection: { items: [5] },
      sampleType: 0,
    });
    expect(reply).toEqual({ ok: false, error: 'no profile with id 5' });
    expect(opts.logger.error).not.toHaveBeenCalled();
  });

  it('never leaks a stack or a non-Error value', async () => {
    const services = fakeServices();
    services.listItems.mockImplementation(async () => {
      throw { stack: '/home/me/secret/path.ts:1' };
    });
    const reply = await createInvokeHandler('listItems', options(services))(fakeEvent(), {});
    expect(reply).toEqual({ ok: false, error: 'listItems failed' });
  });
});

describe('registerIpc', () => {
  it('handles exactly the IPC methods and the two chosen-file channels, none importing by path, and removes them', () => {
    const handle = vi.fn();
    const removeHandler = vi.fn();
    const unregister = registerIpc({ handle, removeHandler }, options());
    const channels = handle.mock.calls.map(([channel]) => channel as string);
    expect(channels).toEqual([...IPC_METHODS.map(channelFor), 'kiln:fileHandle', 'kiln:importHandles']);
    expect(channels).toHaveLength(33);
    expect(channels).not.toContain('kiln:importPaths');
    expect(channels).toEqual(expect.arrayContaining(['kiln:importUpload', 'kiln:getImportJobs', 'kiln:listItems']));
    unregister();
    expect(removeHandler.mock.calls.map(([channel]) => channel as string)).toEqual(channels);
  });

  it('offers no handler for importPaths at all', () => {
    expect(() => createInvokeHandler('importPaths', options())).toThrow(/not offered over IPC/);
  });
});
