import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { ImportJob, ImportReport, KilnServices } from '../../shared/ipc/contract';
import type { IpcReply } from './channels';
import { FileHandleRegistry } from './file-handles';
import { withBaseNames } from './file-ipc';
import { registerIpc, type ExpectedSender, type InvokeHandler } from './ipc';
import { APP_ORIGIN } from './protocol';

/** FAKE IpcMainInvokeEvent from the main frame of web contents `id` on an app page. */
function eventFrom(id: number): IpcMainInvokeEvent {
  const mainFrame = { processId: 3, routingId: 1 };
  const frame = { url: 'kiln://app/index.html', parent: null, processId: 3, routingId: 1, isDestroyed: () => false };
  return { sender: { id, mainFrame }, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

const PATH = '/home/me/secret dir/cpu.pb.gz';

/** Registers the real handlers on a FAKE ipcMain; services are FAKES whose importPaths echoes what a failing import reports. */
function setup() {
  const handlers = new Map<string, InvokeHandler>();
  const ipc = { handle: (channel: string, h: InvokeHandler) => handlers.set(channel, h), removeHandler: vi.fn() };
  const importPaths = vi.fn(async ({ paths }: { paths: string[] }): Promise<ImportReport> => ({
    imported: [
      {
        id: 1,
        file: paths[0] ?? '',
        item: null,
        format: 'pprof',
        kind: 'cpu',
        sampleTypes: [],
        totals: [],
        duplicate: false,
      },
    ],
    errors: paths.map((p) => ({ file: p, message: `${p}: unknown format (read ${p}.part too)` })),
  }));
  const jobs: ImportJob[] = [
    { jobId: 'drop-1', file: PATH, phase: 'parsing', bytesRead: 1, bytesTotal: 2, samplesDecoded: 0, state: 'running' },
  ];
  const services = { importPaths, getImportJobs: vi.fn(async () => jobs) } as unknown as KilnServices;
  let expected: ExpectedSender = { appOrigin: APP_ORIGIN, webContentsId: 7 };
  const fileHandles = new FileHandleRegistry();
  registerIpc(ipc as never, {
    services,
    fileHandles,
    expectedSender: () => expected,
    logger: { warn: vi.fn(), error: vi.fn() },
  });
  const call = async (channel: string, args: unknown, from = 7): Promise<IpcReply<unknown>> => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(eventFrom(from), args);
  };
  const switchWindow = (id: number) => {
    expected = { appOrigin: APP_ORIGIN, webContentsId: id };
  };
  return { call, importPaths, fileHandles, switchWindow };
}

async function handleFor(call: ReturnType<typeof setup>['call'], path: string): Promise<string> {
  const reply = await call('kiln:fileHandle', { path });
  if (!reply.ok) throw new Error(reply.error);
  return (reply.value as { handle: string }).handle;
}

describe('chosen files over IPC', () => {
  it('answers a path with an opaque handle and the base name only', async () => {
    const { call } = setup();
    const reply = await call('kiln:fileHandle', { path: PATH });
    expect(reply).toEqual({
      ok: true,
      value: { handle: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), name: 'cpu.pb.gz' },
    });
    expect(JSON.stringify(reply)).not.toContain('secret');
  });

  it('imports by handle, with the path main kept, and names files by base name in the report', async () => {
    const { call, importPaths } = setup();
    const handle = await handleFor(call, PATH);
    const reply = await call('kiln:importHandles', { handles: [handle], jobId: 'drop-1' });
    expect(importPaths).toHaveBeenCalledWith({ paths: [PATH], jobId: 'drop-1' });
    expect(reply).toEqual({
      ok: true,
      value: {
        imported: [expect.objectContaining({ id: 1, file: 'cpu.pb.gz' })],
        errors: [{ file: 'cpu.pb.gz', message: 'cpu.pb.gz: unknown format (read cpu.pb.gz.part too)' }],
      },
    });
    expect(JSON.stringify(reply)).not.toContain('/home/me');
  });

  it('passes the import tags the page gave to importPaths', async () => {
    const { call, importPaths } = setup();
    const handle = await handleFor(call, PATH);
    const tags = { service: 'checkout', labels: { version: 'v2' } };
    const reply = await call('kiln:importHandles', { handles: [handle], tags });
    expect(reply.ok).toBe(true);
    expect(importPaths).toHaveBeenCalledWith({ paths: [PATH], tags });
  });

  it('refuses a handle used before, never given, or a path in place of a handle, without importing', async () => {
    const { call, importPaths } = setup();
    const handle = await handleFor(call, PATH);
    await call('kiln:importHandles', { handles: [handle] });
    importPaths.mockClear();
    for (const handles of [[handle], ['AAAAAAAAAAAAAAAAAAAAAA'], [PATH], ['/etc/passwd']]) {
      const reply = await call('kiln:importHandles', { handles });
      expect(reply.ok, JSON.stringify(handles)).toBe(false);
      if (!reply.ok) expect(reply.error).toMatch(/not chosen in this window|must be a file handle/);
    }
    const asPaths = await call('kiln:importHandles', { paths: [PATH] });
    expect(asPaths).toEqual({ ok: false, error: expect.stringMatching(/^importHandles: /) });
    expect(importPaths).not.toHaveBeenCalled();
  });

  it('names files by base name in the error of a call that fails as a whole', async () => {
    const { call, importPaths } = setup();
    importPaths.mockRejectedValueOnce(new Error(`EACCES: permission denied, open '${PATH}'`));
    const handle = await handleFor(call, PATH);
    const reply = await call('kiln:importHandles', { handles: [handle] });
    expect(reply).toEqual({ ok: false, error: "EACCES: permission denied, open 'cpu.pb.gz'" });
  });

  it("refuses another window's handle", async () => {
    const { call, importPaths, switchWindow } = setup();
    const handle = await handleFor(call, PATH);
    // The window was closed and a new one opened (macOS 'activate'): now web contents 8 is the trusted sender.
    switchWindow(8);
    const reply = await call('kiln:importHandles', { handles: [handle] }, 8);
    expect(reply).toEqual({ ok: false, error: expect.stringMatching(/was not chosen in this window/) });
    expect(importPaths).not.toHaveBeenCalled();
  });

  it('refuses both channels to an untrusted sender', async () => {
    const { call, fileHandles } = setup();
    await expect(call('kiln:fileHandle', { path: PATH }, 9)).rejects.toThrow(/untrusted sender/);
    await expect(call('kiln:importHandles', { handles: ['AAAAAAAAAAAAAAAAAAAAAA'] }, 9)).rejects.toThrow(
      /untrusted sender/,
    );
    expect(fileHandles.size).toBe(0);
  });

  it('rejects a malformed path', async () => {
    const { call } = setup();
    for (const args of [{ path: '' }, { path: 'a\0b' }, { path: 1 }, { path: PATH, extra: 1 }, 'x']) {
      expect((await call('kiln:fileHandle', args)).ok, JSON.stringify(args)).toBe(false);
    }
  });

  it('names an import job by its base name', async () => {
    const { call } = setup();
    const reply = await call('kiln:getImportJobs', {});
    expect(reply).toEqual({ ok: true, value: [expect.objectContaining({ jobId: 'drop-1', file: 'cpu.pb.gz' })] });
  });
});

describe('withBaseNames', () => {
  it('replaces every path, the longest first', () => {
    expect(withBaseNames('/a/b/c.pb and /a/b/c.pb.gz, /a/b/c.pb', ['/a/b/c.pb', '/a/b/c.pb.gz'])).toBe(
      'c.pb and c.pb.gz, c.pb',
    );
  });
});
