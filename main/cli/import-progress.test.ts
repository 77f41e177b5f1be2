import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportJob, KilnServices } from '../../shared/ipc/contract';
import { formatProgress, progressMode, PROGRESS_POLL_MS, showImportProgress } from './import-progress';

const job = (over: Partial<ImportJob>): ImportJob => ({
  jobId: 'cli-1',
  file: '/abs/deep-go.pb.gz',
  phase: 'parsing',
  bytesRead: 1024 * 1024,
  bytesTotal: 4 * 1024 * 1024,
  samplesDecoded: 0,
  state: 'running',
  ...over,
});

describe('formatProgress', () => {
  it('names the file, the phase, bytes of the size, the share and the samples', () => {
    expect(formatProgress(job({ samplesDecoded: 150_000 }), 'deep-go.pb.gz')).toBe(
      'deep-go.pb.gz  parsing  1 MiB of 4 MiB (25%)  150,000 samples',
    );
    expect(formatProgress(job({ phase: 'hashing', bytesRead: 0 }), 'x')).toBe('x  hashing  0 B of 4 MiB (0%)');
    // Another process holds the store's write lock: the import says what it waits for.
    expect(formatProgress(job({ phase: 'waiting', bytesRead: 4 * 1024 * 1024 }), 'x')).toBe(
      'x  waiting for the store: another import is writing  4 MiB of 4 MiB (100%)',
    );
  });
});

describe('progressMode', () => {
  it('redraws in place on a terminal, prints lines only when asked elsewhere, and --quiet wins', () => {
    expect(progressMode({ isTTY: true, write: () => {} }, false, false)).toBe('in-place');
    expect(progressMode({ isTTY: false, write: () => {} }, false, false)).toBe('off');
    expect(progressMode({ write: () => {} }, false, true)).toBe('lines');
    expect(progressMode({ isTTY: true, write: () => {} }, true, true)).toBe('off');
  });
});

describe('showImportProgress', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function fakeServices(jobs: ImportJob[][]): KilnServices {
    let call = 0;
    return { getImportJobs: async () => jobs[Math.min(call++, jobs.length - 1)] ?? [] } as unknown as KilnServices;
  }

  it('redraws one line in place, fitted to the terminal, and clears it when stopped', async () => {
    const written: string[] = [];
    const services = fakeServices([
      [job({ jobId: 'other' })],
      [job({ bytesRead: 0, phase: 'hashing' })],
      [job({ bytesRead: 0, phase: 'hashing' })],
      [job({ phase: 'writing', bytesRead: 4 * 1024 * 1024, samplesDecoded: 9 })],
    ]);
    const stream = { isTTY: true, columns: 40, write: (text: string) => written.push(text) };
    const shown = showImportProgress(services, 'cli-1', stream, 'in-place', () => 'deep-go.pb.gz');
    for (let i = 0; i < 4; i++) await vi.advanceTimersByTimeAsync(PROGRESS_POLL_MS);
    shown.stop();
    // Another job's progress is not shown, and an unchanged line is not drawn again.
    expect(written).toEqual([
      '\r…p-go.pb.gz  hashing  0 B of 4 MiB (0%)\x1b[K',
      '\r…ting  4 MiB of 4 MiB (100%)  9 samples\x1b[K',
      '\r\x1b[K',
    ]);
    expect(written.map((w) => w.replace(/\r|\x1b\[K/g, '').length)).toEqual([39, 39, 0]);
  });

  it('writes one line per change when not on a terminal', async () => {
    const written: string[] = [];
    const services = fakeServices([[job({})]]);
    const shown = showImportProgress(services, 'cli-1', { write: (t: string) => written.push(t) }, 'lines', (f) => f);
    await vi.advanceTimersByTimeAsync(PROGRESS_POLL_MS * 3);
    shown.stop();
    expect(written).toEqual(['/abs/deep-go.pb.gz  parsing  1 MiB of 4 MiB (25%)\n']);
  });
});
