/**
 * `kiln import --service --label` and `kiln ls --service`, as users run them: the built bin, a real SQLite file, the
 * ingest worker. Real fixture files (a Go CPU profile, a JFR recording of four items) and two pprof files written
 * here with a main mapping and build id: a small one (read whole) and one over the streaming threshold (written as it
 * streams), so both store paths carry the tags.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PPROF_HEAD_BYTES } from '../main/ingest/pprof-head';
import { encodePprof } from './fixtures/synthetic-pprof';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'kiln.cjs');
const CPU = join(ROOT, 'test', 'fixtures', 'pprof', 'cpu_1.pb.gz');
const HEAP = join(ROOT, 'test', 'fixtures', 'pprof', 'heap_1.pb.gz');
const JFR = join(ROOT, 'test', 'fixtures', 'jfr', 'java-churn.jfr');

interface LsRow {
  id: number;
  name: string;
  service: string | null;
  kind: string;
  format: string;
  capturedAtMs: number | null;
  durationNs: number | null;
  timeSource: string;
  labels: Record<string, string>;
  sampleTypes: unknown[];
  totals: unknown;
}

function kiln(args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A Go-like CPU profile whose main mapping is /srv/bin/payments with this build id; `functions` sets its size. */
function pprofWithBuildId(buildId: string, functions: number): Uint8Array {
  const names = Array.from({ length: functions }, (_, i) => `payments/internal/handler.(*Server).step${i}`);
  return encodePprof({
    sampleTypes: [
      ['samples', 'count'],
      ['cpu', 'nanoseconds'],
    ],
    functions: names,
    mappings: [{ id: 1, filename: '/srv/bin/payments', buildId }],
    locations: names.map((_, i) => ({ lines: [i + 1], mappingId: 1 })),
    samples: Array.from({ length: Math.min(functions, 500) }, (_, i) => ({
      locations: [i + 1, ...(i > 0 ? [1] : [])],
      values: [1, 10_000_000],
    })),
    timeNanos: 1_795_000_000_000_000_000n,
    durationNanos: 10_000_000_000,
  });
}

describe('kiln import --service --label, kiln ls --service', () => {
  let dir: string;
  let db: string;
  let smallPprof: string;
  let streamedPprof: string;

  const ls = (service: string): LsRow[] => {
    const run = kiln(['ls', '--service', service, '--db', db, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as LsRow[];
  };

  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'main', 'cli.cjs'))) throw new Error('dist/ is missing: run npm run build');
    dir = mkdtempSync(join(tmpdir(), 'kiln-cli-import-tags-'));
    db = join(dir, 'kiln.db');
    smallPprof = join(dir, 'payments-small.pb');
    streamedPprof = join(dir, 'payments-large.pb');
    writeFileSync(smallPprof, pprofWithBuildId('b1d5ma11', 50));
    const large = pprofWithBuildId('b1d1a7ge', 40_000);
    // Over the head the sniffer reads: this file is written to the store as it streams (stream-pprof-to-store.ts).
    expect(large.length).toBeGreaterThan(PPROF_HEAD_BYTES);
    writeFileSync(streamedPprof, large);

    const tagged = kiln([
      'import',
      CPU,
      JFR,
      smallPprof,
      streamedPprof,
      '--service',
      'checkout',
      '--label',
      'version=v2',
      '--label',
      'region=eu',
      '--db',
      db,
      '--json',
    ]);
    expect(tagged.stderr).toBe('');
    expect(tagged.code).toBe(0);
    // Without options: the heap profile keeps the service its data names.
    const plain = kiln(['import', HEAP, '--db', db, '--json']);
    expect(plain.code).toBe(0);
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives every item of the files the service, and adds the labels to the ones each file gives', () => {
    const rows = ls('checkout');
    // cpu_1 (1 item), java-churn.jfr (4 items: CPU, native methods, allocations, GC), the two written pprofs.
    expect(rows).toHaveLength(7);
    for (const row of rows) {
      expect(row.service).toBe('checkout');
      expect(row.labels['version']).toBe('v2');
      expect(row.labels['region']).toBe('eu');
      // Every field ls printed before stays.
      for (const key of ['id', 'name', 'kind', 'format', 'capturedAtMs', 'durationNs', 'timeSource', 'sampleTypes']) {
        expect(row).toHaveProperty(key);
      }
    }
    const byName = (name: string): LsRow[] => rows.filter((r) => r.name === name || r.name.startsWith(`${name} — `));
    expect(byName('cpu_1.pb.gz').map((r) => r.labels)).toEqual([{ region: 'eu', version: 'v2' }]);
    const small = byName('payments-small.pb');
    expect(small.map((r) => r.labels)).toEqual([{ build_id: 'b1d5ma11', region: 'eu', version: 'v2' }]);
    expect(small[0]?.kind).toBe('cpu');
    expect(small[0]?.capturedAtMs).toBe(1_795_000_000_000);
    expect(small[0]?.durationNs).toBe(10_000_000_000);
    expect(byName('payments-large.pb').map((r) => r.labels)).toEqual([
      { build_id: 'b1d1a7ge', region: 'eu', version: 'v2' },
    ]);
    // The JFR's own labels (main class, pid, JVM) stay beside the user's.
    const jfr = byName('java-churn.jfr');
    expect(jfr).toHaveLength(4);
    for (const row of jfr) {
      expect(row.labels).toEqual({
        'java.command': 'Churn 10 1',
        'jvm.name': 'OpenJDK 64-Bit Server VM',
        'jvm.version': '17.0.15+6-Debian-1deb12u1',
        pid: '21674',
        region: 'eu',
        version: 'v2',
      });
    }
  });

  it('lists only the service asked for', () => {
    const leaky = ls('leakysvc');
    expect(leaky.map((r) => [r.name, r.service, r.kind])).toEqual([['heap_1.pb.gz', 'leakysvc', 'heap']]);
    expect(leaky[0]?.labels).toEqual({});
    expect(ls('nosuchservice')).toEqual([]);
    const text = kiln(['ls', '--service', 'leakysvc', '--db', db]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('heap_1.pb.gz');
    expect(text.stdout).not.toContain('cpu_1.pb.gz');
  });

  it('keeps the first tags of a file imported again', () => {
    const again = kiln(['import', CPU, '--service', 'payments', '--label', 'version=v3', '--db', db, '--json']);
    expect(again.code).toBe(0);
    const id = (JSON.parse(again.stdout) as { imported: { id: number }[] }).imported[0]?.id;
    const row = ls('checkout').find((r) => r.id === id);
    expect(row?.labels).toEqual({ region: 'eu', version: 'v2' });
    expect(ls('payments')).toEqual([]);
  });

  it('refuses a --label without = as a usage error, and imports nothing', () => {
    const bad = kiln(['import', HEAP, '--label', 'version', '--db', join(dir, 'other.db')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--label must be KEY=VALUE, got "version"');
    expect(existsSync(join(dir, 'other.db'))).toBe(false);
    const json = kiln(['import', HEAP, '--label', '=v', '--db', join(dir, 'other.db'), '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ error: { message: '--label must be KEY=VALUE, got "=v"' } });
  });

  it('refuses a service name with control characters as a usage error', () => {
    const bad = kiln(['import', HEAP, '--service', 'a\u0007b', '--db', join(dir, 'third.db')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('tags.service must be text without control characters');
  });
});
