/**
 * `kiln top SELECTION` against independent counts: several Go CPU profiles
 * merged equal `go tool pprof -top` over the same files, and minus a base
 * equal `go tool pprof -top -diff_base`; a window inside a
 * V8 .cpuprofile and inside a JFR recording holds exactly the samples whose
 * times fall in it, counted here from the files themselves (the cpuprofile's
 * timeDeltas; `jfr print --json` from the JDK).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cpuprofileSampleOffsetsUs } from './fixtures/cpuprofile-times';
import { kilnTopJson, runKiln } from './fixtures/kiln-cli';
import { pprofTop, topByName as byName, type TopRow as Row } from './fixtures/pprof-top';

const ROOT = join(__dirname, '..');
const GO_SERVICE = join(ROOT, '..', 'shared', 'corpus', 'generated', 'go-service');
const CPUPROFILE = join(ROOT, 'test', 'fixtures', 'cpuprofile', 'node-leaky.cpuprofile');
const JFR = join(ROOT, 'test', 'fixtures', 'jfr', 'java-churn.jfr');

function run(command: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 28 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Nanoseconds since the epoch of an RFC 3339 time with up to nine fraction digits. */
function epochNs(iso: string): bigint {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(iso);
  if (!m) throw new Error(`not an RFC 3339 UTC time: ${iso}`);
  const fraction = ((m[2] ?? '') + '000000000').slice(0, 9);
  return BigInt(Date.parse(`${m[1]}Z`)) * 1_000_000n + BigInt(fraction);
}

describe('kiln top SELECTION', () => {
  let dir: string;
  let db: string;
  const kiln = (args: string[]) => runKiln(db, args);
  const importIds = (files: string[]): { id: number; item?: string }[] => {
    const out = kiln(['import', ...files, '--json']);
    expect(out.code, out.stderr).toBe(0);
    return JSON.parse(out.stdout).imported;
  };
  const top = (selection: string, extra: string[] = []) => kilnTopJson<Row[]>(db, selection, extra);

  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'main', 'cli.cjs'))) throw new Error('dist/ is missing: run npm run build');
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-selection-'));
    db = join(dir, 'kiln.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('merges several Go CPU profiles as go tool pprof -top does', () => {
    const files = [1, 2, 3, 4, 5, 6].map((n) => join(GO_SERVICE, `cpu_${n}.pb.gz`));
    const ids = importIds(files).map((i) => i.id);
    const picks: [string, number[]][] = [
      [`${ids[2]},${ids[3]},${ids[4]}`, [2, 3, 4]],
      [`${ids[0]}-${ids[5]}`, [0, 1, 2, 3, 4, 5]],
    ];
    for (const [selection, positions] of picks) {
      const theirs = pprofTop(positions.map((p) => files[p] as string));
      expect(theirs.size).toBeGreaterThan(20);
      expect(byName(top(selection, ['--type', 'cpu']))).toEqual(theirs);
    }
    // The human table's percentages are of the whole selection, as pprof's are.
    const human = kiln(['top', `${ids[2]},${ids[3]},${ids[4]}`, '--type', 'cpu', '--limit', '1']);
    const out = run('go', ['tool', 'pprof', '-top', '-nodecount=1', ...[2, 3, 4].map((p) => files[p] as string)]);
    const pprofShare = /\s([\d.]+)%\s+[\d.]+%\s+\S+\s+[\d.]+%\s+crypto\/sha256\.block/.exec(out.stdout)?.[1];
    expect(pprofShare).toBeDefined();
    expect(human.stdout).toContain(`${pprofShare}%`);
  });

  it('takes the items of a service in a wall-clock window, as pprof merges those files', () => {
    const files = [2, 3, 4, 5].map((n) => join(GO_SERVICE, `cpu_${n}.pb.gz`));
    importIds([...files, join(GO_SERVICE, 'heap_3.pb.gz')]);
    const list = JSON.parse(kiln(['ls', '--json']).stdout) as { name: string; service: string; capturedAtMs: number }[];
    const startOf = (name: string): number => list.find((p) => p.name === name)?.capturedAtMs as number;
    expect(list.find((p) => p.name === 'cpu_3.pb.gz')?.service).toBe('leakysvc');
    // From cpu_3's start to just after cpu_4's: cpu_2 ended before, cpu_5 starts after; the heap profile is no cpu.
    const window = `${startOf('cpu_3.pb.gz')}..${startOf('cpu_4.pb.gz') + 1}`;
    const rows = top(`service=leakysvc@${window};kind=cpu`, ['--type', 'cpu']);
    expect(byName(rows)).toEqual(pprofTop([files[1] as string, files[2] as string]));
  });

  it('subtracts a base selection as go tool pprof -diff_base does', () => {
    const files = [2, 3, 4].map((n) => join(GO_SERVICE, `cpu_${n}.pb.gz`));
    const ids = importIds(files).map((i) => i.id);
    const theirs = pprofTop([files[0] as string, files[1] as string], [`-diff_base=${files[2]}`]);
    expect([...theirs.values()].some((v) => v.flat < 0)).toBe(true);
    expect(byName(top(`${ids[0]},${ids[1]}`, ['--type', 'cpu', '--base', String(ids[2])]))).toEqual(theirs);
  });

  it('a window inside a .cpuprofile keeps exactly the samples taken in it', () => {
    const [item] = importIds([CPUPROFILE]);
    const relUs = cpuprofileSampleOffsetsUs(CPUPROFILE);
    const span = Math.max(...relUs);
    // Offsets half a microsecond off the file's whole-microsecond times, so no sample sits on an edge.
    const fromUs = Math.floor(span * 0.3) + 0.5;
    const toUs = Math.floor(span * 0.65) + 0.5;
    const expected = relUs.filter((x) => x >= fromUs && x < toUs).length;
    expect(expected).toBeGreaterThan(10);
    expect(expected).toBeLessThan(relUs.length);
    const rows = top(String(item?.id), ['--type', 'samples', '--from', `${fromUs / 1e6}s`, '--to', `${toUs / 1e6}s`]);
    expect(rows.reduce((sum, r) => sum + r.self, 0)).toBe(expected);
    // The whole item for comparison: every sample.
    expect(top(String(item?.id), ['--type', 'samples']).reduce((sum, r) => sum + r.self, 0)).toBe(relUs.length);
  });

  it('a window inside a JFR recording keeps exactly the execution samples taken in it', () => {
    const items = importIds([JFR]);
    const cpu = items.find((i) => i.item === 'CPU (execution samples)');
    expect(cpu).toBeDefined();
    const printed = run('jfr', ['print', '--json', '--events', 'jdk.ExecutionSample', JFR]);
    expect(printed.code, printed.stderr).toBe(0);
    const events = JSON.parse(printed.stdout).recording.events as { values: { startTime: string } }[];
    const times = events.map((e) => epochNs(e.values.startTime)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const first = times[0] as bigint;
    const last = times[times.length - 1] as bigint;
    // Whole-millisecond edges at 30% and 70% of the span, moved on while a sample is within 5 µs of one.
    const edge = (fraction: number): bigint => {
      let ms = (first + ((last - first) * BigInt(Math.round(fraction * 100))) / 100n) / 1_000_000n;
      while (times.some((x) => (x - ms * 1_000_000n < 0n ? ms * 1_000_000n - x : x - ms * 1_000_000n) < 5_000n)) ms++;
      return ms;
    };
    const fromMs = edge(0.3);
    const toMs = edge(0.7);
    const expected = times.filter((x) => x >= fromMs * 1_000_000n && x < toMs * 1_000_000n).length;
    expect(expected).toBeGreaterThan(10);
    expect(expected).toBeLessThan(times.length);
    const iso = (ms: bigint) => new Date(Number(ms)).toISOString();
    const rows = top(String(cpu?.id), ['--type', 'samples', '--from', iso(fromMs), '--to', iso(toMs)]);
    expect(rows.reduce((sum, r) => sum + r.self, 0)).toBe(expected);
    // The same window in ms since the epoch.
    const again = top(String(cpu?.id), ['--type', 'samples', '--from', String(fromMs), '--to', String(toMs)]);
    expect(again).toEqual(rows);
  });

  it('rejects what is not a selection or a window', () => {
    expect(kiln(['top', 'x,y']).code).toBe(2);
    expect(kiln(['top', '9-3']).code).toBe(2);
    expect(kiln(['top', '1', '--from', 'yesterday']).code).toBe(2);
  });
});
