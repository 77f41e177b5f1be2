/**
 * Progress of one import as the UI and the CLI show it: a phase, bytes of the
 * file and samples decoded, reported a few times a second (and at every phase
 * change and pass end, so the last report of reading is exact).
 *
 * A file may be read in several passes (a pprof: the content hash, then the
 * streaming decoder's two passes). Each pass counts as an equal share of the
 * file's bytes, so `bytesRead` only grows and reaches `bytesTotal` exactly when
 * the last pass ends.
 */
import type { ImportPhase } from '../../shared/ipc/contract';

export interface IngestProgress {
  phase: ImportPhase;
  bytesRead: number;
  bytesTotal: number;
  samplesDecoded: number;
}

export const PROGRESS_INTERVAL_MS = 200;

export class ProgressMeter {
  private phase: ImportPhase = 'hashing';
  private bytesTotal = 0;
  private passes = 1;
  private passesDone = 0;
  private inPass = 0;
  private passOpen = false;
  private samples = 0;
  private lastEmit = -Infinity;
  private lastBytesRead = -1;

  constructor(
    private readonly emit: (progress: IngestProgress) => void,
    private readonly now: () => number = Date.now,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
  ) {}

  /** The file's size and how many passes over it the import will make; reports the start. */
  begin(bytesTotal: number, passes: number): void {
    this.bytesTotal = bytesTotal;
    this.passes = Math.max(1, passes);
    this.report(true);
  }

  enterPhase(phase: ImportPhase): void {
    this.phase = phase;
    this.report(true);
  }

  /** Starts a pass; a pass left unfinished (its reader stopped early) counts as done. */
  beginPass(): void {
    if (this.passOpen) this.finishPass();
    this.passOpen = true;
    this.inPass = 0;
  }

  advance(bytes: number): void {
    this.inPass += bytes;
    this.report(false);
  }

  finishPass(): void {
    if (!this.passOpen) return;
    this.passOpen = false;
    this.passesDone = Math.min(this.passes, this.passesDone + 1);
    this.inPass = 0;
    this.report(true);
  }

  samplesDecoded(count: number): void {
    this.samples = count;
    this.report(false);
  }

  /** Reports now, whatever the interval: the last state of a phase must reach the user exactly. */
  flush(): void {
    this.report(true);
  }

  current(): IngestProgress {
    const done = this.passesDone * this.bytesTotal + Math.min(this.inPass, this.bytesTotal);
    const bytesRead = Math.min(this.bytesTotal, Math.floor(done / this.passes));
    return { phase: this.phase, bytesRead, bytesTotal: this.bytesTotal, samplesDecoded: this.samples };
  }

  private report(force: boolean): void {
    const time = this.now();
    if (!force && time - this.lastEmit < this.intervalMs) return;
    const progress = this.current();
    // Never report bytes going back (a pass read shorter than stat said): hold the highest value.
    progress.bytesRead = Math.max(progress.bytesRead, this.lastBytesRead);
    this.lastBytesRead = progress.bytesRead;
    this.lastEmit = time;
    this.emit(progress);
  }
}
