import { describe, expect, it } from 'vitest';
import { ProgressMeter, type IngestProgress } from './progress-meter';

function meterWithClock(): { meter: ProgressMeter; events: IngestProgress[]; tick(ms: number): void } {
  let time = 0;
  const events: IngestProgress[] = [];
  const meter = new ProgressMeter(
    (p) => events.push(p),
    () => time,
    200,
  );
  return { meter, events, tick: (ms) => (time += ms) };
}

describe('ProgressMeter', () => {
  it('counts each of several passes as its share of the file, so bytesRead only grows and ends at the size', () => {
    const { meter, events, tick } = meterWithClock();
    meter.begin(900, 3);
    for (let pass = 0; pass < 3; pass++) {
      meter.beginPass();
      for (let chunk = 0; chunk < 3; chunk++) {
        tick(250);
        meter.advance(300);
      }
      meter.finishPass();
    }
    const bytes = events.map((e) => e.bytesRead);
    expect(bytes[0]).toBe(0);
    expect(bytes.at(-1)).toBe(900);
    for (let i = 1; i < bytes.length; i++) expect(bytes[i]).toBeGreaterThanOrEqual(bytes[i - 1] as number);
    // 300 bytes into the second pass of three over 900 bytes: (900 + 300) / 3.
    expect(bytes).toContain(400);
    expect(events.every((e) => e.bytesTotal === 900)).toBe(true);
  });

  it('reports at most once per interval between forced reports', () => {
    const { meter, events, tick } = meterWithClock();
    meter.begin(1000, 1);
    meter.beginPass();
    for (let i = 0; i < 10; i++) {
      tick(50);
      meter.advance(10);
    }
    // begin (forced), then one every 200 ms of the 500 ms: at 200 and 400.
    expect(events.map((e) => e.bytesRead)).toEqual([0, 40, 80]);
    // The end of the pass is reported at once; a pass that ended has read the whole file.
    meter.finishPass();
    expect(events.at(-1)?.bytesRead).toBe(1000);
  });

  it('reports phase changes at once, with the samples decoded so far', () => {
    const { meter, events } = meterWithClock();
    meter.begin(10, 1);
    meter.samplesDecoded(7);
    meter.enterPhase('parsing');
    meter.enterPhase('writing');
    expect(events.map((e) => [e.phase, e.samplesDecoded])).toEqual([
      ['hashing', 0],
      ['parsing', 7],
      ['writing', 7],
    ]);
  });

  it('counts a pass left unfinished as done when the next begins', () => {
    const { meter } = meterWithClock();
    meter.begin(100, 2);
    meter.beginPass();
    meter.advance(40);
    meter.beginPass();
    meter.advance(100);
    meter.finishPass();
    expect(meter.current().bytesRead).toBe(100);
  });
});
