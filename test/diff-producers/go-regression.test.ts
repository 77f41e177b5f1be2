/**
 * `kiln diff` on a real regression (go-regression-producer.ts): a Go service run as two builds under the same fixed
 * request rate, build 2 adding 120 `sha256.Sum256` calls of 64 KiB inside `main.handleCheckout` (15–20 ms a
 * request, three to four times the handler's own 4.9 ms loop, which is unchanged), with `main.controlWork` served
 * at its own fixed rate and unchanged. Per second of profiled time:
 * - the suspect is main.handleCheckout, named through its total: its growth is in crypto/sha256, its self is flat;
 * - its change and the hashing functions' are significant; the control's is not;
 * and in absolute mode every row's change equals `go tool pprof -top -diff_base`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binomialTwoSidedP } from '../../shared/query/significance';
import { diffByName, pprofTop, type TopByName } from '../fixtures/pprof-top';
import { kiln, kilnJson, type ListedItem } from '../timeline-producers/support';
import { missingRegressionTools, produceRegressionCaptures, type RegressionCaptures } from './go-regression-producer';

const missing = missingRegressionTools();
const skipMessage = missing.length > 0 ? ` (skipped: ${missing.join(', ')} not installed)` : '';
const HANDLER = 'main.handleCheckout';
const CONTROL = 'main.controlWork';

/** What `kiln diff --json` prints (main/cli/diff-command.ts), values in the mode's numbers. */
interface DiffJson {
  base: { items: number[]; total: number; samples: number | null };
  target: { items: number[]; total: number; samples: number | null };
  rows: DiffRow[];
  suspects: { function: string; reason: string; path: string[] }[];
}

interface DiffRow {
  function: string;
  file: string;
  base: { self: number; total: number };
  target: { self: number; total: number };
  delta: { self: number; total: number };
  significant: boolean | null;
}

function rowOf(result: DiffJson, name: string): DiffRow {
  const rows = result.rows.filter((row) => row.function === name);
  expect(rows, name).toHaveLength(1);
  return rows[0] as DiffRow;
}

/**
 * A function's samples in each side and the two-sided p-value of its change per second, as shared/query/diff.ts
 * tests it (the JSON prints only the verdict): counts are values × samples ÷ total of the absolute diff, and the
 * target's expected part is each side's value per sample times its per-second scale, (per-second total ÷ samples).
 */
function noiseTest(perSecond: DiffJson, absolute: DiffJson, name: string): { base: number; target: number; p: number } {
  const row = rowOf(absolute, name);
  const count = (side: 'base' | 'target'): number =>
    Math.round((row[side].total * (absolute[side].samples as number)) / absolute[side].total);
  const weight = (side: 'base' | 'target'): number => perSecond[side].total / (absolute[side].samples as number);
  const base = count('base');
  const target = count('target');
  const expected = weight('base') / (weight('base') + weight('target'));
  return { base, target, p: binomialTwoSidedP(target, base + target, expected) };
}

describe(`kiln diff on a Go service whose second build hashes inside one handler${skipMessage}`, () => {
  let dir: string;
  let db: string;
  let files: RegressionCaptures;
  let baseIds: string;
  let targetIds: string;
  const diff = (mode: string): DiffJson =>
    kilnJson<DiffJson>(db, ['diff', baseIds, targetIds, '--mode', mode, '--limit', '100000']);

  beforeAll(async () => {
    if (missing.length > 0) return;
    dir = mkdtempSync(join(tmpdir(), 'kiln-go-regression-'));
    db = join(dir, 'kiln.db');
    files = await produceRegressionCaptures(join(dir, 'captures'));
    for (const [version, side] of [
      ['v1', files.base],
      ['v2', files.target],
    ] as const) {
      const imported = kiln(db, [
        'import',
        '--quiet',
        '--service',
        'checkout',
        '--label',
        `version=${version}`,
        ...side,
      ]);
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
    }
    const items = kilnJson<ListedItem[]>(db, ['ls']);
    const idsOf = (side: string[], version: string): string =>
      side
        .map((file) => {
          const item = items.find((i) => i.name === basename(file));
          expect(item?.labels.version).toBe(version);
          return item?.id;
        })
        .join(',');
    baseIds = idsOf(files.base, 'v1');
    targetIds = idsOf(files.target, 'v2');
  }, 90_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(missing.length > 0)(
    'names the handler as the suspect through its total, its self flat; the hashing is significant, the control not',
    () => {
      const result = diff('per-second');
      const absolute = diff('absolute');
      const handler = rowOf(result, HANDLER);
      const control = rowOf(result, CONTROL);
      const controlNoise = noiseTest(result, absolute, CONTROL);
      const ms = (ns: number): string => `${(ns / 1e6).toFixed(1)} ms/s`;
      // What the run measured, for whoever reads a failure or tunes the producer.
      console.info(
        `${HANDLER}: total ${ms(handler.base.total)} → ${ms(handler.target.total)}, ` +
          `self ${ms(handler.base.self)} → ${ms(handler.target.self)} (Δtotal ${ms(handler.delta.total)}, ` +
          `Δself ${ms(handler.delta.self)}); ${CONTROL}: ${ms(control.base.total)} → ${ms(control.target.total)}, ` +
          `${controlNoise.base} → ${controlNoise.target} samples, p ${controlNoise.p.toPrecision(2)}, ` +
          `significant ${control.significant}; served per capture (checkout/control): ` +
          `${files.served.map((w) => `${basename(w.file)} ${w.checkout}/${w.control}`).join(', ')}`,
      );

      expect(result.suspects[0]?.function).toBe(HANDLER);
      expect(result.suspects[0]?.path.at(-1)).toBe(HANDLER);

      // The producer added 120 × 0.12–0.17 ms of hashing to each checkout over its own ~4.9 ms loop, at the same 10
      // requests/s: the handler's total grows by about 0.15–0.2 s/s (0.144–0.164 measured), three to four times its
      // base total (~0.05 s/s, nearly all its own loop). Twice is asked for, to leave room for machines that hash
      // faster.
      expect(handler.delta.total).toBeGreaterThan(2 * handler.base.total);
      expect(handler.significant).toBe(true);
      // Its own loop did not change: its self moves by sampling noise only. At ~55 self samples a side (12 s at
      // 10 × 4.9 ms a second), that is about ±10 samples (√(55 + 55)) against a growth in total of ~175 samples;
      // 20% of the growth is 35 samples, 3.3 σ (measured: |Δself| 1–3% of Δtotal).
      expect(Math.abs(handler.delta.self)).toBeLessThan(0.2 * handler.delta.total);

      // crypto/sha256 ran only in build 2 (the service does no TLS), and its functions that hold a tenth of the
      // growth or more are significant: at least the hashing of the blocks.
      const hashing = result.rows.filter((row) => row.function.startsWith('crypto/sha256.'));
      expect(hashing.every((row) => row.base.total === 0)).toBe(true);
      const heavy = hashing.filter((row) => row.delta.total >= 0.1 * handler.delta.total);
      expect(heavy.length).toBeGreaterThan(0);
      expect(heavy.every((row) => row.significant === true)).toBe(true);

      // The control ran the same code at the same rate: ~65 samples a side (12 s at 10 × 5.5 ms a second), so its
      // change is noise.
      expect(controlNoise.base).toBeGreaterThan(30);
      expect(controlNoise.target).toBeGreaterThan(30);
      expect(control.significant).toBe(false);
    },
  );

  it.skipIf(missing.length > 0)('gives absolute rows equal to go tool pprof -top -diff_base of the same files', () => {
    const result = diff('absolute');
    // pprof takes one -diff_base (a second replaces the first): build 1's files merged into one, as pprof merges.
    const merged = spawnSync('go', ['tool', 'pprof', '-proto', ...files.base], { maxBuffer: 1 << 28 });
    expect(merged.status, String(merged.stderr)).toBe(0);
    const baseFile = join(dir, 'base.pb.gz');
    writeFileSync(baseFile, merged.stdout);
    const theirs = pprofTop(files.target, [`-diff_base=${baseFile}`]);
    const baseTop = pprofTop(files.base);
    const targetTop = pprofTop(files.target);
    // runtime/pprof now and then writes a sample without locations; pprof -top prints no row for it, and a diff's
    // header total is the base's, so its change is taken from each side's own top (pprof-top.ts's "(no stack)").
    const stackless = (top: TopByName) => top.get('(no stack)') ?? { flat: 0, cum: 0 };
    const noStack = {
      flat: stackless(targetTop).flat - stackless(baseTop).flat,
      cum: stackless(targetTop).cum - stackless(baseTop).cum,
    };
    if (noStack.flat !== 0 || noStack.cum !== 0) theirs.set('(no stack)', noStack);
    expect(theirs.get(HANDLER)?.cum).toBeGreaterThan(0);
    // As sorted objects, so a failure prints the functions that differ.
    const plain = (top: TopByName) => Object.fromEntries([...top].sort(([a], [b]) => (a < b ? -1 : 1)));
    expect(plain(diffByName(result.rows, (r) => r.delta))).toEqual(plain(theirs));
    expect(plain(diffByName(result.rows, (r) => r.base))).toEqual(plain(baseTop));
    expect(plain(diffByName(result.rows, (r) => r.target))).toEqual(plain(targetTop));
  });
});
