/**
 * What a window of several captures means, through the built CLI on real Go captures of one service: without --kind
 * it reads CPU (the first kind in ITEM_KIND_PRIORITY), whatever the catalogue's order; heap in use (a gauge) over
 * three heap profiles is `go tool pprof -top` of the three files ÷ 3, exact per function, while alloc_space (a
 * counter) is pprof's plain sum; --per-second divides a counter by the profiled seconds and is refused for a gauge;
 * the human table is headed by the window's summary title.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpuprofileSampleOffsetsUs } from './fixtures/cpuprofile-times';
import { kilnTopJson, runKiln } from './fixtures/kiln-cli';
import { pprofTop, topByName, type TopByName, type TopRow } from './fixtures/pprof-top';

const ROOT = join(__dirname, '..');
const GO_SERVICE = join(ROOT, '..', 'shared', 'corpus', 'generated', 'go-service');
const CPUPROFILE = join(ROOT, 'test', 'fixtures', 'cpuprofile', 'node-leaky.cpuprofile');
const heap = (n: number): string => join(GO_SERVICE, `heap_${n}.pb.gz`);
const cpu = (n: number): string => join(GO_SERVICE, `cpu_${n}.pb.gz`);

interface Listed {
  id: number;
  name: string;
  kind: string;
  capturedAtMs: number;
  durationNs: number | null;
}

/** `go tool pprof -top` of byte values, flat and cum per function in bytes. */
function pprofBytes(files: readonly string[], sampleIndex: string): TopByName {
  const out = spawnSync(
    'go',
    [
      'tool',
      'pprof',
      '-top',
      '-nodecount=1000000',
      '-nodefraction=0',
      '-unit=B',
      `-sample_index=${sampleIndex}`,
      ...files,
    ],
    { encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 28 },
  );
  if (out.status !== 0) throw new Error(`go tool pprof -top failed (${out.status}): ${out.stderr}`);
  const map: TopByName = new Map();
  for (const line of out.stdout.split('\n')) {
    const m = /^\s*(\d+)B?\s+[\d.]+%\s+[\d.]+%\s+(\d+)B?\s+[\d.]+%\s+(.+)$/.exec(line);
    if (m && (Number(m[1]) !== 0 || Number(m[2]) !== 0)) {
      map.set((m[3] as string).trim().replace(/ \((?:partial-)?inline\)$/, ''), {
        flat: Number(m[1]),
        cum: Number(m[2]),
      });
    }
  }
  return map;
}

describe('kiln top over a window of several captures', () => {
  let dir: string;
  let db: string;
  let list: Listed[];
  const run = (args: string[]) => runKiln(db, args);
  const top = (selection: string, extra: string[] = []) => kilnTopJson<TopRow[]>(db, selection, extra);
  const ids = (names: string[]): string =>
    names.map((name) => list.find((item) => item.name === name)?.id as number).join(',');

  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'main', 'cli.cjs'))) throw new Error('dist/ is missing: run npm run build');
    dir = mkdtempSync(join(tmpdir(), 'kiln-window-'));
    db = join(dir, 'kiln.db');
    // The heap profiles first, so the catalogue's first item of the service is no CPU profile.
    for (const args of [
      [heap(1), heap(2), heap(3), '--service', 'checkout'],
      [cpu(2), cpu(3), '--service', 'checkout'],
      [CPUPROFILE, '--service', 'web'],
    ]) {
      const out = run(['import', ...args]);
      expect(out.code, out.stderr).toBe(0);
    }
    list = JSON.parse(run(['ls', '--json']).stdout) as Listed[];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads CPU by default and the heap with --kind heap', () => {
    const cpus = ids(['cpu_2.pb.gz', 'cpu_3.pb.gz']);
    expect(top('checkout')).toEqual(top(cpus));
    expect(topByName(top('checkout', ['--type', 'cpu']))).toEqual(pprofTop([cpu(2), cpu(3)]));
    const human = run(['top', 'checkout', '--limit', '1']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout.split('\n')[0]).toMatch(
      /^checkout · CPU · 2 captures · \d{4}-\d\d-\d\d [\d:]{8}–[\d:]{8} UTC · /,
    );
    expect(topByName(top('checkout', ['--kind', 'heap', '--type', 'alloc_space']))).toEqual(
      pprofBytes([heap(1), heap(2), heap(3)], 'alloc_space'),
    );
    // Heap profiles state no duration: the title leaves the profiled time out.
    const heapHuman = run(['top', 'checkout', '--kind', 'heap', '--limit', '1']);
    expect(heapHuman.stdout.split('\n')[0]).toMatch(/^checkout · Heap in use · 3 captures · [^·]+ UTC$/);
  });

  it('averages heap in use per capture: pprof -top of the three files ÷ 3, exact per function', () => {
    const theirs = pprofBytes([heap(1), heap(2), heap(3)], 'inuse_space');
    expect(theirs.size).toBeGreaterThan(3);
    const ours = topByName(top('checkout', ['--kind', 'heap', '--type', 'inuse_space']));
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    for (const [name, { flat, cum }] of theirs) {
      const mine = ours.get(name) as { flat: number; cum: number };
      // value × 3 is pprof's integer sum, up to the float rounding of a third.
      expect(Math.round(mine.flat * 3), name).toBe(flat);
      expect(Math.round(mine.cum * 3), name).toBe(cum);
      expect(Math.abs(mine.flat * 3 - flat)).toBeLessThan(1e-6 * Math.max(1, flat));
    }
    // One capture alone is unchanged.
    expect(topByName(top(ids(['heap_1.pb.gz']), ['--type', 'inuse_space']))).toEqual(
      pprofBytes([heap(1)], 'inuse_space'),
    );
    // Ids average as a service window does.
    expect(top(ids(['heap_1.pb.gz', 'heap_2.pb.gz', 'heap_3.pb.gz']), ['--type', 'inuse_space'])).toEqual(
      top('checkout', ['--kind', 'heap', '--type', 'inuse_space']),
    );
  });

  it('--per-second divides a counter by the profiled seconds and refuses a gauge', () => {
    const sum = top('checkout', ['--type', 'cpu']);
    const perSecond = top('checkout', ['--type', 'cpu', '--per-second']);
    const profiledNs = list
      .filter((item) => item.kind === 'cpu' && /^cpu_/.test(item.name))
      .reduce((s, i) => s + (i.durationNs ?? 0), 0);
    expect(profiledNs).toBeGreaterThan(1e9);
    // The window's sums are scaled once, after summing: each row is the summed row × 1e9 / profiled ns, exactly,
    // in the same order.
    const factor = 1e9 / profiledNs;
    expect(perSecond).toEqual(sum.map((row) => ({ ...row, self: row.self * factor, total: row.total * factor })));
    const human = run(['top', 'checkout', '--type', 'cpu', '--per-second', '--limit', '1']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout.split('\n')[2]).toMatch(/\/s\s/);
    const gauge = run(['top', 'checkout', '--kind', 'heap', '--per-second']);
    expect(gauge.code).toBe(2);
    expect(gauge.stderr).toMatch(/per-second applies to counters; inuse_space is averaged per capture/);
  });

  it('a window cut inside a .cpuprofile: per second is its samples ÷ the window, headed by its span', () => {
    const item = list.find((i) => i.name === 'node-leaky.cpuprofile') as Listed;
    const relUs = cpuprofileSampleOffsetsUs(CPUPROFILE);
    const span = Math.max(...relUs);
    // Whole milliseconds after the item's start, so the window's ends are exact ms on the wall clock.
    const fromMs = Math.floor((span * 0.3) / 1000);
    const toMs = Math.floor((span * 0.65) / 1000);
    expect((toMs - fromMs) * 1e6).toBeLessThan(item.durationNs as number);
    const expected = relUs.filter((x) => x >= fromMs * 1000 && x < toMs * 1000).length;
    expect(expected).toBeGreaterThan(10);
    const window = ['--type', 'samples', '--from', `${fromMs / 1000}s`, '--to', `${toMs / 1000}s`];
    const rows = top(String(item.id), [...window, '--per-second']);
    const seconds = (toMs - fromMs) / 1000;
    expect(rows.reduce((s, r) => s + r.self, 0)).toBeCloseTo(expected / seconds, 6);
    const human = run(['top', String(item.id), ...window, '--limit', '1']);
    expect(human.code, human.stderr).toBe(0);
    const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 19);
    const from = item.capturedAtMs + fromMs;
    const to = item.capturedAtMs + toMs;
    expect(human.stdout.split('\n')[0]).toBe(
      `web · CPU · 1 capture · ${new Date(from).toISOString().slice(0, 10)} ${clock(Math.floor(from / 1000) * 1000)}–${clock(Math.ceil(to / 1000) * 1000)} UTC · ${seconds >= 1 ? `${Number(seconds.toPrecision(3))} s` : `${Number((seconds * 1000).toPrecision(3))} ms`} profiled`,
    );
  });
});
