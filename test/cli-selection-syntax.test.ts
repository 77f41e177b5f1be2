/**
 * The selection syntax of issue 11 through the built CLI, on real Go CPU
 * profiles imported into one service with `kiln import --service`: a bare
 * SERVICE merges exactly what its item ids merge, SERVICE@START/END (ISO 8601,
 * offsets and fractions) takes only the captures overlapping the window,
 * --kind and --label narrow a service selection, a service named `12` is
 * `service=12`, and the human table is headed by what the merged window holds.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kilnTopJson, runKiln } from './fixtures/kiln-cli';

const ROOT = join(__dirname, '..');
const GO_SERVICE = join(ROOT, '..', 'shared', 'corpus', 'generated', 'go-service');
const cpu = (n: number): string => join(GO_SERVICE, `cpu_${n}.pb.gz`);

interface Listed {
  id: number;
  name: string;
  service: string | null;
  kind: string;
  capturedAtMs: number;
  durationNs: number;
}

/** An instant as ISO 8601 text at a zone offset (minutes east of UTC), with every digit of its fraction of a second. */
function isoAt(ms: number, offsetMinutes: number): string {
  const whole = Math.floor(ms);
  const local = new Date(whole + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const fraction = (ms - Math.floor(ms / 1000) * 1000) / 1000; // seconds below the second, < 1
  const digits = fraction.toFixed(6).slice(1); // ".ddd ddd"
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone =
    offsetMinutes === 0
      ? 'Z'
      : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${local}${digits}${zone}`;
}

describe('kiln top with service selections', () => {
  let dir: string;
  let db: string;
  let list: Listed[];
  const run = (args: string[]) => runKiln(db, args);
  const top = (selection: string, extra: string[] = []) => kilnTopJson<unknown>(db, selection, extra);
  const idOf = (name: string): number => list.find((item) => item.name === name)?.id as number;

  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'main', 'cli.cjs'))) throw new Error('dist/ is missing: run npm run build');
    dir = mkdtempSync(join(tmpdir(), 'kiln-selection-syntax-'));
    db = join(dir, 'kiln.db');
    const imports = [
      [cpu(2), cpu(3), '--service', 'checkout', '--label', 'version=1'],
      [cpu(4), cpu(5), '--service', 'checkout', '--label', 'version=2'],
      [join(GO_SERVICE, 'heap_3.pb.gz'), '--service', 'checkout'],
      // The data's own service (leakysvc), and a service named like an item id.
      [cpu(1)],
      [cpu(6), '--service', '12'],
    ];
    for (const args of imports) {
      const out = run(['import', ...args]);
      expect(out.code, out.stderr).toBe(0);
    }
    list = JSON.parse(run(['ls', '--json']).stdout) as Listed[];
    expect(
      list
        .filter((item) => item.service === 'checkout')
        .map((item) => item.name)
        .sort(),
    ).toEqual(['cpu_2.pb.gz', 'cpu_3.pb.gz', 'cpu_4.pb.gz', 'cpu_5.pb.gz', 'heap_3.pb.gz']);
    // Six runs of the CLI: more than vitest's default 10 s for a hook on a loaded machine.
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('SERVICE merges exactly what the ids of its captures merge', () => {
    const cpuIds = [2, 3, 4, 5].map((n) => idOf(`cpu_${n}.pb.gz`)).join(',');
    const merged = top(`${cpuIds}`, ['--type', 'cpu']);
    expect((merged as unknown[]).length).toBeGreaterThan(20);
    expect(top('checkout', ['--kind', 'cpu', '--type', 'cpu'])).toEqual(merged);
    expect(top('service=checkout', ['--kind', 'cpu', '--type', 'cpu'])).toEqual(merged);
    expect(top('checkout', ['--kind', 'heap'])).toEqual(top(String(idOf('heap_3.pb.gz'))));
    // cpu_1 (leakysvc) is not checkout's: with it the merge differs.
    expect(top(`${cpuIds},${idOf('cpu_1.pb.gz')}`, ['--type', 'cpu'])).not.toEqual(merged);
  });

  it('SERVICE@START/END takes only the captures overlapping the window', () => {
    const start = (n: number): number => list.find((item) => item.name === `cpu_${n}.pb.gz`)?.capturedAtMs as number;
    const end2 = start(2) + (list.find((item) => item.name === 'cpu_2.pb.gz')?.durationNs as number) / 1e6;
    // From after cpu_2's end to just after cpu_4's start: cpu_3 and cpu_4, not cpu_2 nor cpu_5.
    expect(end2).toBeLessThan(start(3) - 1);
    const from = isoAt(start(3) - 1, 0);
    const to = isoAt(start(4) + 0.5, 120);
    expect(to).toMatch(/\.\d{6}\+02:00$/);
    const cpuOnly = ['--kind', 'cpu', '--type', 'cpu'];
    const expected = top(`${idOf('cpu_3.pb.gz')},${idOf('cpu_4.pb.gz')}`, ['--type', 'cpu']);
    expect(top(`checkout@${from}/${to}`, cpuOnly)).toEqual(expected);
    expect(top(`checkout@${isoAt(start(3) - 1, -330)}/${to}`, cpuOnly)).toEqual(expected);
    // A window that ends a microsecond before cpu_4 starts leaves it out.
    const early = top(`checkout@${from}/${isoAt(start(4) - 0.001, 0)}`, cpuOnly);
    expect(early).toEqual(top(String(idOf('cpu_3.pb.gz')), ['--type', 'cpu']));
    // Without --kind the heap profile taken between cpu_3 and cpu_4 is in the window too, first in the catalogue;
    // the window reads its first kind in ITEM_KIND_PRIORITY, CPU, whatever the catalogue's order.
    const human = run(['top', `checkout@${from}/${to}`, '--limit', '1']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout.split('\n')[0]).toMatch(/^checkout · CPU · 2 captures · /);
    expect(top(`checkout@${from}/${to}`)).toEqual(top(`${idOf('cpu_3.pb.gz')},${idOf('cpu_4.pb.gz')}`));
    expect(top(`checkout@${from}/${to}`, ['--kind', 'heap'])).toEqual(top(String(idOf('heap_3.pb.gz'))));
  });

  it('--kind and --label narrow a service selection, and are refused with item ids', () => {
    const v2 = top(`${idOf('cpu_4.pb.gz')},${idOf('cpu_5.pb.gz')}`, ['--type', 'cpu']);
    expect(top('checkout', ['--label', 'version=2', '--type', 'cpu'])).toEqual(v2);
    expect(top('checkout', ['--label', 'version=2', '--kind', 'cpu', '--type', 'cpu'])).toEqual(v2);
    const none = run(['top', 'checkout', '--label', 'version=2', '--kind', 'heap']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/has no items/);
    const refused = run(['top', String(idOf('cpu_4.pb.gz')), '--kind', 'cpu']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--kind and --label narrow a service selection/);
    const badKind = run(['top', 'checkout', '--kind', 'cpus']);
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toMatch(/--kind must be one of cpu, allocations/);
  });

  it('a service named 12 is service=12; 12 is an item id', () => {
    expect(top('service=12')).toEqual(top(String(idOf('cpu_6.pb.gz'))));
    const id12 = run(['top', '12']);
    expect(id12.code).toBe(1);
    expect(id12.stderr).toMatch(/no item with id 12/);
  });

  it('names bad instants and unknown services', () => {
    const bad = run(['top', 'checkout@2026-11-20T10:00:00Z/2026-11-20T10:15']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"2026-11-20T10:15" is not an ISO 8601 instant');
    const backwards = run(['top', 'checkout@2026-11-20T10:15:00Z/2026-11-20T10:00:00.250Z']);
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toMatch(/must end after it starts/);
    const unknown = run(['top', 'checkuot']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/"checkuot" is neither item ids nor a service with captures/);
  });

  it('heads the human table with what the window holds; --json stays the rows alone', () => {
    const cpus = list.filter((item) => item.service === 'checkout' && item.kind === 'cpu');
    const starts = cpus.map((item) => item.capturedAtMs);
    const ends = cpus.map((item) => item.capturedAtMs + item.durationNs / 1e6);
    // To the second, UTC: the first start rounded down, the last end up (window-summary.ts windowTitle).
    const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 19);
    const day = new Date(Math.min(...starts)).toISOString().slice(0, 10);
    const seconds = Number((cpus.reduce((sum, item) => sum + item.durationNs, 0) / 1e9).toPrecision(3));
    const human = run(['top', 'checkout', '--kind', 'cpu', '--limit', '3']);
    expect(human.code, human.stderr).toBe(0);
    const lines = human.stdout.split('\n');
    expect(lines[0]).toBe(
      `checkout · CPU · 4 captures · ${day} ${clock(Math.floor(Math.min(...starts) / 1000) * 1000)}–${clock(Math.ceil(Math.max(...ends) / 1000) * 1000)} UTC · ${seconds} s profiled`,
    );
    expect(lines[1]).toMatch(/^\s*SELF\s+SELF%\s+TOTAL\s+TOTAL%\s+FUNCTION/);
    const json = top('checkout', ['--kind', 'cpu']) as Record<string, unknown>[];
    expect(json.length).toBeGreaterThan(0);
    for (const row of json) expect(Object.keys(row).sort()).toEqual(['file', 'function', 'self', 'total']);
  });
});
