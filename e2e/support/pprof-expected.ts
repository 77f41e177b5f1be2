/**
 * What `go tool pprof -top` printed for the pprof fixtures, recorded by
 * scripts/regen-pprof-expected.sh into test/fixtures/pprof-expected.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './kiln-serve';

export interface PprofTopRow {
  name: string;
  flat: number;
  cum: number;
}

export interface PprofExpectedType {
  type: string;
  unit: string;
  command: string;
  total: number;
  top: PprofTopRow[];
}

interface ExpectedFile {
  fixtures: Record<string, { sampleTypes: PprofExpectedType[] }>;
}

/** The recorded values for one fixture, keyed by sample type name ("cpu", "alloc_space", …). */
export function expectedPprof(fixture: string): { sampleTypes: Record<string, PprofExpectedType> } {
  const file = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'pprof-expected.json'), 'utf8')) as ExpectedFile;
  const entry = file.fixtures[fixture];
  if (!entry) throw new Error(`no go tool pprof values recorded for ${fixture}`);
  return { sampleTypes: Object.fromEntries(entry.sampleTypes.map((t) => [t.type, t])) };
}
