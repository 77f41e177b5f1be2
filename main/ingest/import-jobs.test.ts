import { describe, expect, it } from 'vitest';
import { isSet } from './import-cancelled';
import { ImportJobs } from './import-jobs';

function jobsWithClock(options: { keepFinishedMs?: number; maxFinished?: number } = {}) {
  let time = 1000;
  const jobs = new ImportJobs({ now: () => time, earlyCancelMs: 60_000, ...options });
  return { jobs, advance: (ms: number) => (time += ms) };
}

describe('ImportJobs', () => {
  it('lists a running job with its latest progress, and its outcome once finished', () => {
    const { jobs } = jobsWithClock();
    const job = jobs.begin('drop-1', '/tmp/a.pb.gz');
    job.progress({ phase: 'parsing', bytesRead: 10, bytesTotal: 40, samplesDecoded: 5 });
    expect(jobs.list()).toEqual([
      {
        jobId: 'drop-1',
        file: '/tmp/a.pb.gz',
        phase: 'parsing',
        bytesRead: 10,
        bytesTotal: 40,
        samplesDecoded: 5,
        state: 'running',
      },
    ]);
    job.finish('done');
    expect(jobs.list()[0]?.state).toBe('done');
    // Late progress from a finished job changes nothing.
    job.progress({ phase: 'writing', bytesRead: 40, bytesTotal: 40, samplesDecoded: 5 });
    expect(jobs.list()[0]?.phase).toBe('parsing');
  });

  it('starts each file of a job from zero', () => {
    const { jobs } = jobsWithClock();
    const job = jobs.begin('j', 'a');
    job.progress({ phase: 'writing', bytesRead: 40, bytesTotal: 40, samplesDecoded: 5 });
    job.startFile('b');
    expect(jobs.list()[0]).toMatchObject({ file: 'b', phase: 'hashing', bytesRead: 0, samplesDecoded: 0 });
  });

  it('cancels a running job through its shared flag and its abort signal, and says so', () => {
    const { jobs } = jobsWithClock();
    const job = jobs.begin('j', 'a');
    expect(isSet(job.cancelFlag)).toBe(false);
    expect(jobs.cancel('j')).toBe(true);
    expect(isSet(job.cancelFlag)).toBe(true);
    expect(job.signal.aborted).toBe(true);
    expect(job.isCancelled()).toBe(true);
    job.finish('cancelled');
    expect(jobs.cancel('j')).toBe(false);
  });

  it('remembers a cancel that overtakes its job for a while, and cancels the job at start', () => {
    const { jobs, advance } = jobsWithClock();
    expect(jobs.cancel('early')).toBe(false);
    expect(jobs.begin('early', 'a').isCancelled()).toBe(true);
    expect(jobs.cancel('late')).toBe(false);
    advance(61_000);
    expect(jobs.begin('late', 'b').isCancelled()).toBe(false);
  });

  it('refuses a second running job with the same id, and names jobs that came without one', () => {
    const { jobs } = jobsWithClock();
    const first = jobs.begin('same', 'a');
    expect(() => jobs.begin('same', 'b')).toThrow(/already running/);
    first.finish('failed');
    expect(jobs.begin('same', 'c').jobId).toBe('same');
    const unnamed = [jobs.begin(undefined, 'x').jobId, jobs.begin(undefined, 'y').jobId];
    expect(new Set(unnamed).size).toBe(2);
  });

  it('forgets finished jobs after a while, and keeps at most maxFinished of them', () => {
    const { jobs, advance } = jobsWithClock({ keepFinishedMs: 10_000, maxFinished: 2 });
    for (const id of ['a', 'b', 'c']) jobs.begin(id, id).finish('done');
    expect(jobs.list().map((j) => j.jobId)).toEqual(['b', 'c']);
    jobs.begin('running', 'r');
    advance(10_001);
    expect(jobs.list().map((j) => j.jobId)).toEqual(['running']);
  });
});
