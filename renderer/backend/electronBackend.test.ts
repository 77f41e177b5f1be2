import { describe, expect, it, vi } from 'vitest';
import type { ChosenFile, ImportReport } from '../../shared/ipc/contract';
import { createElectronBackend } from './electronBackend';
import type { KilnBridge } from './kilnBridge';

const HANDLE = 'AbCdEfGhIjKlMnOpQrStUv';

/** FAKE window.kiln: a file named "*.pb" is "on disk" (gets a handle), anything else is not. */
function fakeBridge() {
  const fileHandle = vi.fn(async (file: File): Promise<ChosenFile | null> =>
    file.name.endsWith('.pb') ? { handle: HANDLE, name: file.name } : null,
  );
  const importHandles = vi.fn(async (_args: { handles: string[]; jobId?: string }): Promise<ImportReport> => ({
    imported: [],
    errors: [{ file: 'cpu.pb', message: 'cpu.pb: unknown format' }],
  }));
  const importUpload = vi.fn(async (): Promise<ImportReport> => ({ imported: [], errors: [] }));
  const bridge = { fileHandle, importHandles, importUpload } as unknown as KilnBridge;
  return { bridge, fileHandle, importHandles, importUpload };
}

describe('electron backend uploadFiles', () => {
  it('imports a file from disk by the handle main gave for it, never by path', async () => {
    const { bridge, fileHandle, importHandles, importUpload } = fakeBridge();
    const file = new File(['x'], 'cpu.pb');
    const job = { jobId: 'drop-1', signal: new AbortController().signal };
    const report = await createElectronBackend(bridge).uploadFiles([file], () => undefined, job);
    expect(fileHandle).toHaveBeenCalledWith(file);
    expect(importHandles.mock.calls).toEqual([[{ handles: [HANDLE], jobId: 'drop-1' }]]);
    expect(importUpload).not.toHaveBeenCalled();
    expect(report).toEqual({ imported: [], errors: [{ file: 'cpu.pb', message: 'cpu.pb: unknown format' }] });
  });

  it('sends a file with no path on disk as bytes', async () => {
    const { bridge, importHandles, importUpload } = fakeBridge();
    const file = new File([new Uint8Array([1, 2, 3])], 'pasted.json', { lastModified: 1_700_000_000_000 });
    await createElectronBackend(bridge).uploadFiles([file], () => undefined);
    expect(importHandles).not.toHaveBeenCalled();
    expect(importUpload.mock.calls).toEqual([
      [{ fileName: 'pasted.json', bytes: new Uint8Array([1, 2, 3]), lastModifiedMs: 1_700_000_000_000 }],
    ]);
  });

  it('gives every file of the batch the import dialog’s service and labels', async () => {
    const { bridge, importHandles, importUpload } = fakeBridge();
    const tags = { service: 'checkout', labels: { version: '2' } };
    const job = { jobId: 'drop-2', signal: new AbortController().signal, tags };
    const files = [new File(['x'], 'cpu.pb'), new File([new Uint8Array([7])], 'trace.json', { lastModified: 5 })];
    await createElectronBackend(bridge).uploadFiles(files, () => undefined, job);
    expect(importHandles.mock.calls).toEqual([[{ handles: [HANDLE], jobId: 'drop-2', tags }]]);
    expect(importUpload.mock.calls).toEqual([
      [{ fileName: 'trace.json', bytes: new Uint8Array([7]), lastModifiedMs: 5, jobId: 'drop-2', tags }],
    ]);
  });

  it('reports a refused handle as that file’s error, by its name', async () => {
    const { bridge, importHandles } = fakeBridge();
    importHandles.mockRejectedValueOnce(new Error('importHandles: file 1 of 1 was not chosen in this window'));
    const report = await createElectronBackend(bridge).uploadFiles([new File(['x'], 'a.pb')], () => undefined);
    expect(report.errors).toEqual([
      { file: 'a.pb', message: 'importHandles: file 1 of 1 was not chosen in this window' },
    ]);
  });
});
