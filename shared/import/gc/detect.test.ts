import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ALL_FIXTURES_DIR as FIXTURES_DIR,
  CORPUS_DIR,
  GC_FIXTURE_FORMATS,
  gcFixtures,
  HAVE_CORPUS,
  readGcFixture,
  readLogText,
  type GcFixtureFormat,
} from '../../../test/fixtures/gc-fixtures';
import { looksLikeGoGctrace } from './go';
import { looksLikeJvmLegacy } from './jvm-legacy';
import { looksLikeJvmUnified } from './jvm-unified';
import { looksLikeNodeTraceGc } from './node';

const DETECTORS: Record<GcFixtureFormat, (textStart: string) => boolean> = {
  'jvm-unified': looksLikeJvmUnified,
  'jvm-legacy': looksLikeJvmLegacy,
  'go-gctrace': looksLikeGoGctrace,
  'node-trace-gc': looksLikeNodeTraceGc,
};

/** The formats whose detector claims a text (given its first 64 KiB, as the sniffer reads). */
function claims(text: string): GcFixtureFormat[] {
  const start = text.slice(0, 64 * 1024);
  return GC_FIXTURE_FORMATS.filter((format) => DETECTORS[format](start));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('GC-log detection', () => {
  it.each(GC_FIXTURE_FORMATS.flatMap((format) => gcFixtures(format).map((file) => [file, format] as const)))(
    '%s is claimed by its own detector only',
    (file, format) => {
      expect(claims(readGcFixture(file))).toEqual([format]);
    },
  );

  it('claims nothing among the other formats’ fixtures (profiles, JSON, binary)', () => {
    const others = filesUnder(FIXTURES_DIR).filter((path) => !relative(FIXTURES_DIR, path).startsWith('gc'));
    expect(others.length).toBeGreaterThan(20);
    for (const path of others) {
      expect({ path: relative(FIXTURES_DIR, path), claims: claims(readFileSync(path).toString('utf8')) }).toEqual({
        path: relative(FIXTURES_DIR, path),
        claims: [],
      });
    }
  });

  it('detects gctrace lines in a Go program’s stderr among its own logging', () => {
    const stderr = [
      '2026/11/24 02:07:55 leakysvc listening on 127.0.0.1:6061',
      '2026/11/24 02:07:55 loading config',
      'gc 1 @0.307s 0%: 2.4+1.6+0.12 ms clock, 4.8+0/0.61/0+0.24 ms cpu, 3->3->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P',
      '2026/11/24 02:07:56 request served',
    ].join('\n');
    expect(claims(stderr)).toEqual(['go-gctrace']);
  });

  it('looks only at the first 50 lines', () => {
    const line = 'gc 1 @0.307s 0%: 2.4+1.6+0.12 ms clock, 4.8+0/0.61/0+0.24 ms cpu, 3->3->0 MB, 4 MB goal, 2 P';
    expect(claims(`${'app log line\n'.repeat(49)}${line}\n`)).toEqual(['go-gctrace']);
    expect(claims(`${'app log line\n'.repeat(50)}${line}\n`)).toEqual([]);
  });

  it('claims unified logs without level/tags decorations when the message is a GC one', () => {
    expect(claims('[0.202s] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->8M(256M) 3.456ms\n')).toEqual([
      'jvm-unified',
    ]);
    expect(claims('[0.202s] something else\n')).toEqual([]);
  });

  it('does not claim other programs’ "[info][app]" lines', () => {
    expect(claims('[info][app] started\n[2024-01-01T10:00:00.000+0000][info][http] listening\n')).toEqual([]);
    expect(claims('[2024-01-01T10:00:00.000+0000][info][safepoint] Application time: 0.0423040 seconds\n')).toEqual([
      'jvm-unified',
    ]);
  });

  it('claims plain -verbose:gc output of JDK 8 (no stamps)', () => {
    expect(claims('[GC (Allocation Failure)  1234K->567K(8901K), 0.0123 secs]\n')).toEqual(['jvm-legacy']);
    expect(claims('[GC Worker Start (ms): Min: 1.0]\n')).toEqual([]);
  });

  it.runIf(HAVE_CORPUS)('claims each corpus GC file by its own detector (files the importers refuse included)', () => {
    const dirs: [string, GcFixtureFormat][] = [
      ['public/jvm-gc-unified', 'jvm-unified'],
      ['public/jvm-gc-legacy', 'jvm-legacy'],
      ['public/go-gctrace', 'go-gctrace'],
    ];
    for (const [dir, format] of dirs) {
      for (const name of readdirSync(join(CORPUS_DIR, dir))) {
        expect({ name, claims: claims(readLogText(join(CORPUS_DIR, dir, name))) }).toEqual({ name, claims: [format] });
      }
    }
  });
});
