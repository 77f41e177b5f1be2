/**
 * A Go service with net/http/pprof as the producer (go-producer.ts): built twice, the second build with another
 * code path and `-X main.build=2`, so the binary's build id changes; build 1 runs and is captured (CPU twice, heap
 * once), then stopped; build 2 starts (a new pid) and is captured again. What Kiln derives must be what happened:
 * - the service is the binary's name (the pprof main mapping's file);
 * - each capture's start lies within the HTTP request that made it;
 * - the timeline has exactly one marker, build-id, at build 2's first capture. A pprof names no process id, so no
 *   restart can be derived from these files (the build-id change is the only trace of the restart);
 * - `kiln top SERVICE@START/END` over the window holding build 1's two CPU captures equals `go tool pprof -top`
 *   over those two files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pprofTop, topByName, type TopRow } from '../fixtures/pprof-top';
import { GO_BINARY as BINARY, missingGoTools, produceGoCaptures, type GoCapture as Capture } from './go-producer';
import { kiln, kilnJson, type ListedItem, type Timeline } from './support';

const missing = missingGoTools();
const skipMessage = missing.length > 0 ? ` (skipped: ${missing.join(', ')} not installed)` : '';

describe(`Go net/http/pprof captures of a service restarted with another build${skipMessage}`, () => {
  let dir: string;
  let db: string;
  const captures: Capture[] = [];
  const pids: number[] = [];
  const buildIds: string[] = [];

  beforeAll(async () => {
    if (missing.length > 0) return;
    dir = mkdtempSync(join(tmpdir(), 'kiln-go-producer-'));
    db = join(dir, 'kiln.db');
    const produced = await produceGoCaptures(dir);
    captures.push(...produced.captures);
    pids.push(...produced.pids);
    buildIds.push(...produced.buildIds);
    expect(produced.goBuildIds[0]).not.toBe(produced.goBuildIds[1]);
    expect(buildIds[0]).not.toBe(buildIds[1]);
    expect(pids[0]).not.toBe(pids[1]);
    const imported = kiln(db, ['import', '--quiet', ...captures.map((c) => c.file)]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
  }, 90_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(missing.length > 0)(
    'names the service after the binary and places each capture within its request, labelled with its build id',
    () => {
      const items = kilnJson<ListedItem[]>(db, ['ls']);
      const byName = new Map(items.map((item) => [item.name, item]));
      expect(items).toHaveLength(captures.length);
      for (const c of captures) {
        const item = byName.get(c.name);
        expect(item).toMatchObject({
          kind: c.kind,
          format: 'pprof',
          service: BINARY,
          timeSource: 'file',
          labels: { build_id: buildIds[c.build - 1] },
        });
        // Date.now() floors the real-time clock to the ms: the request began at or after `requestedAtMs` and ended
        // before `answeredAtMs + 1`. Go stamps time_nanos with time.Now() (the same clock) after the request arrived
        // and ends the profile (start + its monotonic duration) before answering; Kiln's ms from them are off by under
        // 1 µs (a double's rounding), far less than the loopback round trips between the bounds and the stamps.
        expect(item?.capturedAtMs).toBeGreaterThanOrEqual(c.requestedAtMs);
        expect(item?.capturedAtMs).toBeLessThan(c.answeredAtMs + 1);
        // A CPU profile of ?seconds=1 lasts at least that second, and ends before the answer; a heap profile is an
        // instant.
        const endMs = (item?.capturedAtMs ?? 0) + (item?.durationNs ?? 0) / 1e6;
        if (c.kind === 'cpu') expect(item?.durationNs).toBeGreaterThanOrEqual(1e9);
        else expect(item?.durationNs ?? 0).toBe(0);
        expect(endMs).toBeLessThan(c.answeredAtMs + 1);
      }
    },
  );

  it.skipIf(missing.length > 0)(
    'has exactly one marker, the build-id change at build 2’s first capture (a pprof carries no pid)',
    () => {
      const timeline = kilnJson<Timeline>(db, ['timeline']);
      expect(timeline.services.map((s) => s.name)).toEqual([BINARY]);
      const [service] = timeline.services;
      const listed = new Map(kilnJson<ListedItem[]>(db, ['ls']).map((item) => [item.id, item]));
      // In time order, the captures are the producer's, in the order it made them.
      expect(service?.captures.map((c) => listed.get(c.id)?.name)).toEqual(captures.map((c) => c.name));
      const firstOfBuild2 = service?.captures[captures.findIndex((c) => c.build === 2)];
      const short = (id: string): string => `${id.slice(0, 8)}…`;
      expect(service?.markers).toEqual([
        {
          atMs: firstOfBuild2?.capturedAtMs,
          label: `build id ${short(buildIds[0] as string)} → ${short(buildIds[1] as string)}`,
          source: 'build-id',
        },
      ]);
    },
  );

  it.skipIf(missing.length > 0)(
    'kiln top over the window of build 1’s two CPU captures equals go tool pprof -top over those files',
    () => {
      const items = kilnJson<ListedItem[]>(db, ['ls']);
      const startOf = (c: Capture): number => items.find((item) => item.name === c.name)?.capturedAtMs as number;
      const cpu = captures.filter((c) => c.kind === 'cpu' && c.build === 1);
      expect(cpu).toHaveLength(2);
      // From the first CPU capture's start to 1 ms after the second's: the heap capture came after that second
      // ended, build 2's later still.
      const from = new Date(Math.floor(startOf(cpu[0] as Capture))).toISOString();
      const to = new Date(Math.ceil(startOf(cpu[1] as Capture)) + 1).toISOString();
      const rows = kilnJson<TopRow[]>(db, ['top', `${BINARY}@${from}/${to}`, '--limit', '100000']);
      const theirs = pprofTop(cpu.map((c) => c.file));
      expect(theirs.size).toBeGreaterThan(3);
      expect(topByName(rows)).toEqual(theirs);
      // The header of the human table says what the window holds.
      const human = kiln(db, ['top', `${BINARY}@${from}/${to}`, '--limit', '1']);
      expect(human.stdout.split('\n')[0]).toMatch(new RegExp(`^${BINARY} · cpu · 2 captures · `, 'i'));
    },
  );
});
