/** Where the bench finds the repository, the built CLI, the corpus and its scratch space. */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const KILN_BIN = join(ROOT, 'bin', 'kiln.cjs');
export const KILN_BUILT = join(ROOT, 'dist', 'main', 'cli.cjs');
export const CORPUS = process.env.KILN_BENCH_CORPUS ?? join(ROOT, '..', 'shared', 'corpus', 'generated', 'large');
export const RESULTS_DIR = join(ROOT, 'bench', 'results');
/** speedscope is installed here (outside the repository) on first use. */
export const PEER_CACHE = process.env.KILN_BENCH_CACHE ?? join(homedir(), '.cache', 'kiln-bench');
export const CHROMIUM_PATH = process.env.KILN_CHROMIUM ?? '/usr/bin/chromium';

/** The inputs, in the order they are reported. `pprof` marks files `go tool pprof` can read. */
export const FILES = [
  { name: 'deep-go.pb.gz', pprof: true },
  { name: 'deep-node.cpuprofile.gz', pprof: false },
].map((f) => ({ ...f, path: join(CORPUS, f.name) }));

/** Names of missing prerequisites (empty when the bench can run). */
export function missingInputs() {
  const missing = FILES.filter((f) => !existsSync(f.path)).map((f) => `input ${f.path}`);
  if (!existsSync(KILN_BUILT)) missing.push(`build output ${KILN_BUILT} (run \`npm run build\` first)`);
  if (!existsSync(CHROMIUM_PATH)) missing.push(`Chromium at ${CHROMIUM_PATH} (set KILN_CHROMIUM)`);
  return missing;
}
