/**
 * The numbers a flame view prints on a deep profile against `go tool pprof`: the colour legend's package shares
 * and the in-view search share of `sha256` on generated/large/deep-go.pb.gz. The drawn tree folds frames below
 * 1/100,000 of the total into "(smaller frames)" slivers; summed over the drawn nodes the legend said
 * "(no package) 93%" and the search 2.1%, where pprof gives crypto/sha256 45.5% flat and 51.58% under
 * `-focus=sha256`. The services send exact shares with the tree (FlameShares) and answer the search from the
 * unfolded stacks (getSearchTotal); this checks both, value for value, against pprof run on the same file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPercent } from '../shared/format/units';
import type { FlameView, KilnServices } from '../shared/ipc/contract';
import { createImporter } from '../main/ingest/import-files';
import { inlineRunner } from '../main/ingest/ingest-runner';
import { createServices } from '../main/services/kiln-services';
import { ProfileStore } from '../main/store/profile-store';
import { functionPackages, topPackages } from '../renderer/profile/flame/packageLegend';

const DEEP_GO = join(__dirname, '..', '..', 'shared', 'corpus', 'generated', 'large', 'deep-go.pb.gz');
const present = existsSync(DEEP_GO);
if (!present)
  console.log('SKIPPED: generated/large/deep-go.pb.gz is not found (the shared corpus is not beside this clone)');

interface PprofTop {
  total: number;
  /** "Showing nodes accounting for": with every node shown, the value of the samples the filters keep. */
  shown: number;
  flat: Map<string, number>;
  cum: Map<string, number>;
}

/** `go tool pprof -top` with every node, values in nanoseconds. */
function pprofTop(extra: string[]): PprofTop {
  const text = execFileSync(
    'go',
    [
      'tool',
      'pprof',
      '-top',
      '-unit=ns',
      '-nodecount=1000000',
      '-nodefraction=0',
      '-edgefraction=0',
      ...extra,
      DEEP_GO,
    ],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  const header = /Showing nodes accounting for (\d+)ns, [\d.]+% of (\d+)ns total/.exec(text);
  if (!header) throw new Error(`no pprof header in:\n${text.slice(0, 500)}`);
  const flat = new Map<string, number>();
  const cum = new Map<string, number>();
  for (const match of text.matchAll(/^\s*(\d+)ns\s+\S+%\s+\S+%\s+(\d+)ns\s+\S+%\s+(.+?)(?: \(inline\))?$/gm)) {
    const name = match[3] as string;
    flat.set(name, (flat.get(name) ?? 0) + Number(match[1]));
    cum.set(name, Math.max(cum.get(name) ?? 0, Number(match[2])));
  }
  return { shown: Number(header[1]), total: Number(header[2]), flat, cum };
}

/** pprof's own split of a Go symbol: the import path is everything up to the first dot after the last slash. */
function goImportPath(symbol: string): string {
  const dot = symbol.indexOf('.', symbol.lastIndexOf('/') + 1);
  return dot < 0 ? '' : symbol.slice(0, dot);
}

describe.skipIf(!present)('exact shares on deep-go.pb.gz, against go tool pprof', () => {
  let dir: string;
  let store: ProfileStore;
  let services: KilnServices;
  let view: { selection: { items: number[] }; sampleType: number };
  let tree: FlameView;
  let whole: PprofTop | undefined;
  const pprofWhole = (): PprofTop => (whole ??= pprofTop([]));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-exact-shares-'));
    store = new ProfileStore(join(dir, 'kiln.db'));
    services = createServices(store, createImporter(store, inlineRunner(store)));
    const report = await services.importPaths({ paths: [DEEP_GO] });
    const item = report.imported[0];
    if (!item) throw new Error(JSON.stringify(report.errors));
    // cpu/nanoseconds, the sample type `go tool pprof` shows by default.
    const sampleType = item.sampleTypes.findIndex((t) => t.type === 'cpu');
    view = { selection: { items: [item.id] }, sampleType };
    tree = await services.getFlameTree(view);
  }, 300_000);

  afterAll(() => {
    store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives the legend the package shares of pprof flat values', () => {
    const pprof = pprofWhole();
    expect(tree.shares.selectionTotal).toBe(pprof.total);
    const expected = new Map<string, number>();
    for (const [name, flat] of pprof.flat) {
      const pkg = goImportPath(name);
      expected.set(pkg, (expected.get(pkg) ?? 0) + flat);
    }
    const legend = topPackages(tree.shares.functionSelf, functionPackages(tree), 10);
    const oracle = [...expected]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 10)
      .map(([pkg, self]) => ({ pkg, self }));
    expect(legend).toEqual(oracle);
    // As the legend prints them: crypto/sha256 first, at pprof's flat% of crypto/sha256.block and its siblings.
    expect(legend[0]?.pkg).toBe('crypto/sha256');
    const shown = legend.map(({ pkg, self }) => `${pkg} ${formatPercent(self / tree.shares.selectionTotal)}`);
    expect(shown).toEqual(oracle.map(({ pkg, self }) => `${pkg} ${formatPercent(self / pprof.total)}`));
  }, 300_000);

  it('gives each function its pprof flat and cum', () => {
    const pprof = pprofWhole();
    for (const name of ['crypto/sha256.block', 'crypto/sha256.(*digest).Write', 'runtime.mallocgc']) {
      const f = tree.functionNames.indexOf(name);
      expect([name, tree.shares.functionSelf[f], tree.shares.functionTotal[f]]).toEqual([
        name,
        pprof.flat.get(name),
        pprof.cum.get(name),
      ]);
    }
  }, 300_000);

  it('answers the search share of `sha256` as pprof -focus=sha256 does', async () => {
    const focused = pprofTop(['-focus=sha256']);
    const answer = await services.getSearchTotal({ ...view, query: 'sha256' });
    expect(answer).toEqual({ matched: focused.shown, selectionTotal: focused.total });
  }, 300_000);
});
