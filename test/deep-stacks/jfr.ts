/**
 * A JFR recording of a real deep stack, made at test time by the installed
 * JDK: a generated class whose methods c0 … c(N−1) each call the next, the
 * last spinning on arithmetic for a second and a half while Flight Recorder
 * samples it. JFR keeps at most 2,048 frames a stack whatever `stackdepth`
 * asks (checked on OpenJDK 17: stackdepth=20000 on a 5,000-deep chain kept
 * the innermost 2,048), so the chain is 2,000 deep: the deepest JFR records.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeepInput } from './generate';

export const JFR_DEPTH = 2_000;

/** Whether `java` runs here; the JFR case is skipped without it. */
export function hasJava(): boolean {
  return spawnSync('java', ['-version'], { encoding: 'utf8' }).status === 0;
}

function deepJavaSource(): string {
  const lines = ['public class Deep {'];
  for (let i = 0; i < JFR_DEPTH - 1; i++) lines.push(`  static long c${i}(long x) { return c${i + 1}(x) + 1; }`);
  lines.push(
    `  static long c${JFR_DEPTH - 1}(long x) {`,
    '    long end = System.nanoTime() + 1_500_000_000L;',
    '    long a = x;',
    '    while (System.nanoTime() < end) for (int k = 0; k < 100_000; k++) a = a * 6364136223846793005L + 1442695040888963407L;',
    '    return a;',
    '  }',
    '  public static void main(String[] args) { System.out.println(c0(1)); }',
    '}',
  );
  return lines.join('\n');
}

/**
 * Runs the chain under Flight Recorder (the source launcher compiles it in the
 * same JVM). Every sample of the chain is in its innermost method, so each
 * method's total is the innermost's and only the innermost has self: values
 * are in units of the innermost's total, which sampling decides.
 */
export function recordDeepJfr(dir: string): DeepInput {
  const source = join(dir, 'Deep.java');
  const recording = join(dir, 'deep.jfr');
  writeFileSync(source, deepJavaSource());
  const run = spawnSync(
    'java',
    [
      '-Xss64m',
      `-XX:StartFlightRecording=filename=${recording},settings=profile`,
      '-XX:FlightRecorderOptions=stackdepth=2048',
      source,
    ],
    { cwd: dir, encoding: 'utf8', timeout: 120_000 },
  );
  if (run.status !== 0) throw new Error(`java exited with ${run.status}: ${run.stderr}`);
  const innermost = `Deep.c${JFR_DEPTH - 1}`;
  return {
    name: 'deep.jfr',
    bytes: readFileSync(recording),
    prefix: 'Deep.c',
    depth: JFR_DEPTH,
    scaleBy: innermost,
    expected: [
      { function: 'Deep.c0', self: 0, total: 1 },
      { function: `Deep.c${JFR_DEPTH / 2}`, self: 0, total: 1 },
      { function: innermost, self: 1, total: 1 },
    ],
  };
}
