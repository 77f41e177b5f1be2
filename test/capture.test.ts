/**
 * Every item of every file of the fixtures and the shared corpus is a
 * capture: it gets its service when the data names one, a wall-clock start
 * (the file's own, else the file's modification time less the span it
 * records, marked estimated) and its labels. The expected values are read from each file independently of
 * Kiln's importers: `go tool pprof -raw` for pprof, the JDK's `jfr` tool for
 * JFR recordings, and small readers here for the text and JSON formats.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFileBytes, type ParsedFile } from '../main/ingest/parse-bytes';
import { ProfileStore } from '../main/store/profile-store';
import type { FileFormat } from '../shared/import/result';
import type { ItemSummary } from '../shared/ipc/contract';

const ROOT = join(__dirname, '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
/** Files of other kinds kept beside the fixtures (sources, expected values), and the large benchmark inputs. */
const NOT_PROFILES = /(\.md|\.ts|expected\.json|manifest\.json|\.report\.txt|stats\.txt|\.stderr\.txt)$|\/large\//;

/** What a file says about one of its items, as read here. `startMs` null: the file states no wall-clock start. */
interface Expected {
  service: string | null;
  labels: Record<string, string>;
  startMs: number | null;
  /** How close the start must be: the tools print it to the ns, `jfr summary` to the second. */
  startToleranceMs?: number;
}

type Oracle = (path: string, item: ItemSummary) => Expected;

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : NOT_PROFILES.test(path) ? [] : [path];
  });
}

function textOf(path: string): string {
  const bytes = readFileSync(path);
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** The labels that have a value. */
function labelsOf(entries: Record<string, string | null | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(entries).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  );
}

const none: Expected = { service: null, labels: {}, startMs: null };

/** "2017-09-29 20:57:59.25723537 +0000 UTC" (Go's time.Time) or ISO 8601 → ms since the epoch, ns as a fraction. */
function instantMs(date: string, time: string, zone: string): number {
  const [whole, fraction = ''] = time.split(/[.,]/);
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  return Date.parse(`${date}T${whole}${offset}`) + Number(fraction.padEnd(9, '0').slice(0, 9)) / 1e6;
}

/** A trace file's JSON; traces cut short (Chrome writes them so when stopped early) end in "," or no "]". */
function traceJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(`${text.trim().replace(/,$/, '').replace(/\]$/, '')}]`);
  }
}

const memo = new Map<string, string>();
function run(command: string, args: string[]): string {
  const key = [command, ...args].join('\0');
  let out = memo.get(key);
  if (out === undefined) {
    out = execFileSync(command, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
    memo.set(key, out);
  }
  return out;
}

const ORACLES: Partial<Record<FileFormat, Oracle>> = {
  pprof: (path) => {
    const raw = run('go', ['tool', 'pprof', '-raw', path]);
    const time = /^Time: (\S+) (\S+) ([+-]\d{4}) /m.exec(raw);
    // "1: 0x400000/0x4b5000/0x0 /path/to/binary BUILDID [FN]": the first mapping is the main binary.
    const mapping = /^Mappings\n1: \S+ (\S*) ?(\S*)/m.exec(raw);
    const file = mapping?.[1] ?? '';
    const buildId = mapping?.[2]?.startsWith('[') ? '' : (mapping?.[2] ?? '');
    return {
      service: file === '' ? null : basename(file),
      labels: labelsOf({ build_id: buildId }),
      startMs: time ? instantMs(time[1] as string, time[2] as string, time[3] as string) : null,
    };
  },
  jfr: (path) => {
    const start = / Start: (\S+) (\S+) \(UTC\)/.exec(run('jfr', ['summary', path]));
    const jvm = run('jfr', ['print', '--events', 'jdk.JVMInformation', path]);
    const command = /javaArguments = "([^"]*)"/.exec(jvm)?.[1] ?? '';
    const pid = /pid = (\d+)/.exec(jvm)?.[1];
    return {
      service: command.split(' ')[0] || null,
      labels: labelsOf({ pid }),
      startMs: start ? instantMs(start[1] as string, start[2] as string, 'Z') : null,
      startToleranceMs: 1000,
    };
  },
  'chrome-trace': (path, item) => {
    const json = traceJson(textOf(path));
    const events = (Array.isArray(json) ? json : (json as { traceEvents: unknown[] }).traceEvents) as {
      name?: string;
      ph?: string;
      pid?: number | string;
      ts?: number;
      args?: { name?: string };
    }[];
    const processes = new Map(
      events.filter((e) => e.ph === 'M' && e.name === 'process_name').map((e) => [String(e.pid), e.args?.name]),
    );
    const started = Array.isArray(json)
      ? undefined
      : (json as { metadata?: { startTime?: string } }).metadata?.startTime;
    const iso = started ? /^(\S+)T(\S+?)(Z|[+-]\d\d:?\d\d)$/.exec(started) : null;
    // metadata.startTime is when DevTools started tracing (TracingStartedInBrowser); item times count from the
    // earliest event of a thread Kiln reads (durations B/E/X, CPU profile samples P).
    const tracingUs = events.find((e) => e.name === 'TracingStartedInBrowser')?.ts;
    const firstUs = Math.min(...events.filter((e) => 'BEXP'.includes(e.ph ?? '-')).map((e) => e.ts ?? Infinity));
    const offsetMs = tracingUs === undefined ? 0 : (tracingUs - firstUs) / 1000;
    const pid = item.labels['pid'];
    return {
      service: (pid === undefined ? undefined : processes.get(pid)) ?? null,
      labels: labelsOf({ pid }),
      startMs: iso ? instantMs(iso[1] as string, iso[2] as string, iso[3] as string) - offsetMs : null,
    };
  },
  'perf-script': (path) => {
    const comms = new Map<string, number>();
    const pids = new Set<string>();
    for (const line of textOf(path).split('\n')) {
      // perf-script(1): "comm [pid/]tid [cpu] seconds.fraction: [period] event:", comm right-aligned; one number
      // is the tid, so the pid is known only when both are printed.
      const header = /^\s*(\S.*?)\s+(\d+)(?:\/(\d+))?\s+(?:\[\d+\]\s+)?\d+\.\d+:/.exec(line);
      if (!header || line.startsWith('#')) continue;
      comms.set(header[1] as string, (comms.get(header[1] as string) ?? 0) + 1);
      pids.add(header[3] === undefined ? '?' : (header[2] as string));
    }
    const [service] = [...comms].sort((a, b) => b[1] - a[1])[0] ?? [null];
    const [pid] = [...pids];
    return { service, labels: labelsOf({ pid: pids.size === 1 && pid !== '?' ? pid : null }), startMs: null };
  },
  'jvm-legacy': (path) => {
    const text = textOf(path);
    // -XX:+PrintGCDateStamps: "2015-02-16T18:06:57.285+0100: 366,174: …"; the first stamp with an uptime dates the
    // JVM's start, else the first date stamp is the log's start.
    const both = /^(\d{4}-\d\d-\d\d)T([\d:.]+)([+-]\d{4}): (\d+[.,]\d+):/m.exec(text);
    const date = /(\d{4}-\d\d-\d\d)T([\d:.]+)([+-]\d{4}):/.exec(text);
    const jre = /^.*? VM \([^)]*\) for \S+ JRE \(([^)]+)\)/m.exec(text)?.[1];
    const stamp = both ?? date;
    const uptimeMs = both ? Number((both[4] as string).replace(',', '.')) * 1000 : 0;
    return {
      service: null,
      labels: labelsOf({ 'jvm.version': jre }),
      startMs: stamp ? instantMs(stamp[1] as string, stamp[2] as string, stamp[3] as string) - uptimeMs : null,
      startToleranceMs: 1,
    };
  },
  'jvm-unified': (path) => {
    const text = textOf(path);
    // The first line decorated with both a wall clock (time: ISO 8601, timemillis: "1795496580231ms") and the
    // uptime dates the JVM's start; with a wall clock alone, the first line dates the log.
    const iso = /^\[(\d{4}-\d\d-\d\d)T([\d:.]+)([+-]\d{4}|Z)\](?:\[([\d.]+)(s|ms)\])?/m.exec(text);
    const millis = /^\[(\d{13})ms\](?:\[([\d.]+)(s|ms)\])?/m.exec(text);
    const version = /\]\s*Version: (\S+)/.exec(text)?.[1];
    const uptimeMs = (value?: string, unit?: string): number => (value ? Number(value) * (unit === 's' ? 1000 : 1) : 0);
    const startMs = iso
      ? instantMs(iso[1] as string, iso[2] as string, iso[3] as string) - uptimeMs(iso[4], iso[5])
      : millis
        ? Number(millis[1]) - uptimeMs(millis[2], millis[3])
        : null;
    // -Xlog:…:time,uptime,hostname,pid,tid,level,tags puts host, pid and tid between the uptime and the level.
    const ids =
      /^\[[^\]]+\]\[[\d.]+s\]\[([A-Za-z][\w.-]*)\]\[(\d+)\]\[\d+\]\[(?:trace|debug|info|warning|error)\]/m.exec(text);
    const labels = labelsOf({ 'jvm.version': version, host: ids?.[1], pid: ids?.[2] });
    return { service: null, labels, startMs, startToleranceMs: 1 };
  },
  'node-trace-gc': (path) => {
    const pids = new Set([...textOf(path).matchAll(/^\[(\d+):0x[0-9a-f]+\]/gm)].map((m) => m[1] as string));
    return { service: null, labels: labelsOf({ pid: pids.size === 1 ? [...pids][0] : null }), startMs: null };
  },
  firefox: (path, item) => {
    // Gecko profiles nest child processes' profiles (as objects or JSON strings), each with its own meta.startTime.
    const metas: { product?: string; startTime?: number }[] = [];
    const visit = (value: unknown): void => {
      const node = typeof value === 'string' && value.startsWith('{') ? (JSON.parse(value) as unknown) : value;
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      if (typeof record['meta'] === 'object' && record['meta'] !== null)
        metas.push(record['meta'] as (typeof metas)[0]);
      for (const key of ['profile', 'threads', 'processes']) {
        const child = record[key];
        if (Array.isArray(child)) child.forEach(visit);
        else visit(child);
      }
    };
    visit(JSON.parse(textOf(path)));
    const starts = metas.map((m) => m.startTime).filter((t): t is number => typeof t === 'number');
    const nearest = starts.sort(
      (a, b) => Math.abs(a - (item.capturedAtMs ?? 0)) - Math.abs(b - (item.capturedAtMs ?? 0)),
    );
    return {
      service: metas[0]?.product ?? null,
      labels: labelsOf({ pid: item.labels['pid'] }),
      startMs: nearest[0] ?? null,
    };
  },
  callgrind: (path) => {
    const program = /^cmd:\s*(\S+)/m.exec(textOf(path))?.[1];
    return { service: program ? basename(program) : null, labels: {}, startMs: null };
  },
  cpuprofile: (path) => {
    const { startTime } = JSON.parse(textOf(path)) as { startTime?: number };
    // V8's clock is monotonic; a converter that wrote epoch microseconds (2001..2100) dates the profile.
    const epoch = startTime !== undefined && startTime >= 978_307_200e6 && startTime <= 4_102_444_800e6;
    return { ...none, startMs: epoch ? startTime / 1000 : null };
  },
};

describe('every item is a capture: service, wall-clock start or its estimate, labels', () => {
  const store = new ProfileStore(':memory:');
  afterAll(() => store.close());
  const seen = new Set<string>();
  const cases = [...files(join(ROOT, 'test', 'fixtures')), ...files(CORPUS)].flatMap((path) => {
    const bytes = new Uint8Array(readFileSync(path));
    const hash = createHash('sha256').update(bytes).digest('hex');
    if (seen.has(hash)) return [];
    seen.add(hash);
    return [{ name: relative(join(ROOT, '..'), path), path, bytes, hash }];
  });
  const formats = new Set<FileFormat>();

  it.each(cases)('$name', ({ path, bytes, hash }) => {
    let parsed: ParsedFile;
    try {
      parsed = parseFileBytes(bytes, basename(path));
    } catch {
      return; // Not a supported format, or malformed on purpose: test/corpus.test.ts says which.
    }
    formats.add(parsed.format);
    const modifiedAtMs = statSync(path).mtimeMs;
    const { ids } = store.addFile(
      {
        name: basename(path),
        source: path,
        contentHash: hash,
        byteSize: bytes.length,
        format: parsed.format,
        modifiedAtMs,
      },
      parsed.items,
    );
    for (const id of ids) {
      const item = store.getProfile(id) as ItemSummary;
      const want = ORACLES[parsed.format]?.(path, item) ?? none;
      expect(item.service, `service of #${id} ${item.name}`).toBe(want.service);
      expect(item.labels, `labels of #${id} ${item.name}`).toMatchObject(want.labels);
      expect(item.source).toBe('path');
      if (want.startMs === null) {
        // Anchored so that the longest of the file's estimated items ends at the file's modification time.
        const estimated = ids
          .map((i) => store.getProfile(i) as ItemSummary)
          .filter((i) => i.timeSource === 'estimated');
        const spanMs = Math.max(0, ...estimated.map((i) => i.durationNs ?? 0)) / 1e6;
        expect(item.timeSource).toBe('estimated');
        expect(Math.abs((item.capturedAtMs as number) - (modifiedAtMs - spanMs))).toBeLessThan(0.001);
      } else {
        expect(item.timeSource, `time source of #${id} ${item.name}`).toBe('file');
        expect(Math.abs((item.capturedAtMs as number) - want.startMs)).toBeLessThanOrEqual(
          want.startToleranceMs ?? 0.001,
        );
      }
    }
  });

  it('covered every format that names a service or a start', () => {
    for (const format of ['pprof', 'jfr', 'chrome-trace', 'perf-script', 'jvm-unified', 'node-trace-gc', 'firefox'])
      expect(formats.has(format as FileFormat), format).toBe(true);
  });
});
